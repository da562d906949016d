"""drafter：年度工作总结写作助手。"""

__version__ = "0.1.0"
