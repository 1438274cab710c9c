# unittest: a TestCase run programmatically, assertions, skips, expected failures, subtests.
# (assertRaises is left out: it calls frame.clear(), which Weft's frames do not have yet.)
import io, unittest


class T(unittest.TestCase):
    def setUp(self):
        self.items = [1, 2, 3]

    def test_pass(self):
        self.assertEqual(sum(self.items), 6)
        self.assertIn(2, self.items)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)

    def test_fail(self):
        self.assertEqual([1, 2], [1, 3])

    @unittest.skip("not today")
    def test_skip(self):
        pass

    @unittest.expectedFailure
    def test_xfail(self):
        self.assertTrue(False)

    def test_sub(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertNotEqual(i, 1)

    def test_error(self):
        raise KeyError("k")


suite = unittest.defaultTestLoader.loadTestsFromTestCase(T)
stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped), len(result.expectedFailures))
print(sorted(t.id().split(".")[-1] for t, _ in result.failures), [t.id().split(".")[-1] for t, _ in result.errors])
print("AssertionError: Lists differ" in result.failures[0][1] or "AssertionError: Lists differ" in result.failures[1][1])
print(result.wasSuccessful(), [name for name in unittest.defaultTestLoader.getTestCaseNames(T)])
from unittest import mock
m = mock.Mock(return_value=3)
print(m(1, k=2), m.call_args, m.call_count)
import os
with mock.patch("os.getcwd", return_value="/patched"):
    print(os.getcwd())
print(os.getcwd() != "/patched")
