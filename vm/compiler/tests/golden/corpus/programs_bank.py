# A small bank simulation with classes, exceptions and a transaction log.
class InsufficientFunds(Exception):
    pass
class Account:
    next_id = 1
    def __init__(self, owner, balance=0):
        self.id = Account.next_id
        Account.next_id += 1
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner}: balance {self.balance}, requested {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def __repr__(self):
        return f"Account#{self.id}({self.owner}, {self.balance})"
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, owner, initial=0):
        acct = Account(owner, initial)
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        self.accounts[src].withdraw(amount)
        self.accounts[dst].deposit(amount)
    def total(self):
        return sum([a.balance for a in self.accounts.values()])
bank = Bank()
alice = bank.open("alice", 100)
bob = bank.open("bob")
bank.transfer(alice.id, bob.id, 40)
for args in [(bob.id, alice.id, 100), (alice.id, bob.id, -5), (alice.id, 99, 1)]:
    try:
        bank.transfer(*args)
    except InsufficientFunds as e:
        print("refused:", e)
    except ValueError as e:
        print("invalid:", e)
    except KeyError as e:
        print("no such account:", e)
print(alice, bob, bank.total())
print(alice.history, bob.history)
print(sorted(bank.accounts.values(), key=lambda a: a.balance))
