# Matrix arithmetic with nested lists.
def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    return [[sum([a[i][k] * b[k][j] for k in range(m)]) for j in range(p)] for i in range(n)]
def transpose(a):
    return [list(row) for row in zip(*a)]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def mat_pow(a, e):
    result = identity(len(a))
    while e:
        if e & 1:
            result = matmul(result, a)
        a = matmul(a, a)
        e >>= 1
    return result
A = [[1, 2], [3, 4]]
B = [[5, 6, 7], [8, 9, 10]]
print(matmul(A, B), transpose(B), identity(3))
print(mat_pow([[1, 1], [1, 0]], 90)[0][1])
M = [[2.5, -1.0], [0.5, 4.0]]
print(matmul(M, M))
def det(m):
    if len(m) == 1:
        return m[0][0]
    total = 0
    for c in range(len(m)):
        minor = [row[:c] + row[c + 1:] for row in m[1:]]
        total += (-1) ** c * m[0][c] * det(minor)
    return total
print(det([[1, 2, 3], [4, 5, 6], [7, 8, 10]]), det(identity(4)))
