# Traceback through methods, attribute errors, and a long expression with carets.
class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
        return self.balance
acct = Account(100)
print(acct.withdraw(30))
values = [1, 2, 0]
ratio = values[0] / values[1] + values[1] / values[2]
