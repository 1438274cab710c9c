# unittest's assertRaises/assertRaisesRegex/assertWarns context managers call
# traceback.clear_frames -> frame.clear(); frame.clear()'s own rules are checked too.
import io
import sys
import unittest
import warnings


def finished_frame():
    x = 1
    y = [2]
    return sys._getframe()


def gen_frame():
    yield sys._getframe()


class Probe(unittest.TestCase):
    def test_raises_cm(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        self.assertIn("division", str(cm.exception))

    def test_raises_regex(self):
        with self.assertRaisesRegex(ValueError, r"invalid literal .* 'x'"):
            int("x")

    def test_raises_call(self):
        self.assertRaises(KeyError, {}.__getitem__, "k")

    def test_warns(self):
        with self.assertWarns(DeprecationWarning) as cm:
            warnings.warn("old", DeprecationWarning)
        self.assertEqual(str(cm.warning), "old")

    def test_warns_regex(self):
        with self.assertWarnsRegex(UserWarning, "care"):
            warnings.warn("take care")

    def test_not_raised(self):
        with self.assertRaises(TypeError):
            pass

    def test_wrong_exception(self):
        with self.assertRaises(TypeError):
            raise ValueError("boom")

    def test_frame_clear(self):
        fr = finished_frame()
        self.assertEqual(sorted(fr.f_locals), ["x", "y"])
        self.assertIsNone(fr.clear())
        self.assertEqual(fr.f_locals, {})
        with self.assertRaisesRegex(RuntimeError, "cannot clear an executing frame"):
            sys._getframe().clear()
        g = gen_frame()
        f = next(g)
        with self.assertRaisesRegex(RuntimeError, "cannot clear a suspended frame"):
            f.clear()
        g.close()


stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
result = unittest.main(module=__name__, testRunner=runner, exit=False, argv=["prog"]).result
text = stream.getvalue()
for line in text.splitlines():
    if line.startswith("    "):  # source lines and caret marks of the tracebacks
        continue
    if line.startswith("Ran "):
        line = line.split(" in ")[0]
    if line.startswith("  File "):
        line = line.split(",")[0].rsplit("/", 1)[-1]
    print(line)
print("run", result.testsRun, "failures", len(result.failures), "errors", len(result.errors))
