# heapq (pure-Python paths; Weft has no _heapq accelerator), from the stdlib zip.
import heapq

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h[0], [heapq.heappop(h) for _ in range(3)], len(h))
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data[0], heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), sorted(data))
print(heapq.nlargest(3, [4, 1, 7, 3, 9, 2]), heapq.nsmallest(2, [4, 1, 7, 3, 9, 2]))
print(heapq.nlargest(2, ["bb", "a", "cccc"], key=len), heapq.nsmallest(1, [], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
print(list(heapq.merge(["c", "a"], ["b"], key=str.upper, reverse=True)))
mx = [1, 5, 3]
heapq.heapify_max(mx)
print(mx[0], heapq.heappop_max(mx), mx[0])
