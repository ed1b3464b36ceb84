"""chidao: theo dõi nhiệm vụ chỉ đạo, điều hành of Vietnamese local government."""

__version__ = "0.1.0"
