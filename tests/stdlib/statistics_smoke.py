# statistics over ints, floats, Fractions and Decimals (the Decimal paths use _decimal).
import statistics
from decimal import Decimal, localcontext
from fractions import Fraction

ints = [2, 4, 4, 4, 5, 5, 7, 9]
floats = [1.5, 2.5, 2.5, 2.75, 3.25, 4.75]
decs = [Decimal('0.5'), Decimal('0.75'), Decimal('0.625'), Decimal('0.375'), Decimal('1.25')]
fracs = [Fraction(1, 2), Fraction(3, 4), Fraction(5, 8)]

for data in (ints, floats, decs, fracs):
    print(repr(statistics.mean(data)), repr(statistics.median(data)),
          repr(statistics.median_low(data)), repr(statistics.median_high(data)))
    print(repr(statistics.variance(data)), repr(statistics.pvariance(data)))
    print(repr(statistics.stdev(data)), repr(statistics.pstdev(data)))
    print(repr(statistics.fmean(data)), statistics.mode(data), statistics.multimode(data))
    print(repr(statistics.geometric_mean(data)), repr(statistics.harmonic_mean(data)))

print(statistics.quantiles(ints, n=4), statistics.median_grouped(ints))
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
print(statistics.correlation(x, y), statistics.covariance(x, y))
print(statistics.linear_regression(x, y))
nd = statistics.NormalDist(100, 15)
print(nd, round(nd.cdf(130), 10), round(nd.inv_cdf(0.9), 8), nd.mean, nd.stdev)
print(statistics.NormalDist.from_samples([2.5, 3.1, 2.1, 2.4, 2.7, 3.5]))
with localcontext(prec=6):
    print(statistics.mean(decs), statistics.stdev(decs))
try:
    statistics.mean([])
except statistics.StatisticsError as e:
    print('StatisticsError', e)
print(statistics.mean([Decimal('1.1'), 2, Decimal('3.3')]))
