# SystemExit with a code: no traceback, exit status from the code; finally blocks run.
import sys
def main():
    try:
        print("exiting with 3")
        sys.exit(3)
    finally:
        print("finally runs")
main()
print("not reached")
