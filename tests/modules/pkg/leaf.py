print("pkg.leaf loading as", __name__)
def hello():
    return "hello from leaf"
