# Attribute reads and writes on instances, and method calls.
class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v
    def step(self, dt):
        self.x = self.x + self.v * dt
        if self.x > 100.0 or self.x < 0.0:
            self.v = -self.v
ps = [Particle(float(i), 1.5 - (i % 3)) for i in range(100)]
for _ in range(10000):
    for p in ps:
        p.step(0.1)
print(round(sum([p.x for p in ps]), 6))
