# Inventory management: class hierarchy, properties, dict of objects, reports.
class Item:
    def __init__(self, name, price, qty):
        self.name, self.price, self.qty = name, price, qty
    @property
    def value(self):
        return self.price * self.qty
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, {self.price}, {self.qty})"
class Perishable(Item):
    def __init__(self, name, price, qty, days):
        super().__init__(name, price, qty)
        self.days = days
    @property
    def value(self):
        base = super().value
        return base * 0.5 if self.days < 3 else base
class Inventory:
    def __init__(self):
        self.items = {}
    def add(self, item):
        if item.name in self.items:
            self.items[item.name].qty += item.qty
        else:
            self.items[item.name] = item
    def remove(self, name, qty):
        item = self.items[name]
        if qty > item.qty:
            raise ValueError(f"only {item.qty} {name} left")
        item.qty -= qty
        if item.qty == 0:
            del self.items[name]
    def report(self):
        lines = []
        for name in sorted(self.items):
            it = self.items[name]
            lines.append(f"{name:10} {it.qty:4d} x {it.price:7.2f} = {it.value:9.2f}")
        lines.append(f"{'TOTAL':10} {sum([i.value for i in self.items.values()]):31.2f}")
        return "\n".join(lines)
inv = Inventory()
inv.add(Item("widget", 2.5, 10))
inv.add(Item("gadget", 13.99, 3))
inv.add(Perishable("milk", 1.2, 20, 2))
inv.add(Perishable("cheese", 7.5, 4, 10))
inv.add(Item("widget", 2.5, 5))
inv.remove("gadget", 3)
try:
    inv.remove("milk", 50)
except ValueError as e:
    print("error:", e)
try:
    inv.remove("nails", 1)
except KeyError as e:
    print("missing:", e)
print(inv.report())
print(sorted(inv.items.values(), key=lambda i: i.value))
