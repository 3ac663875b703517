print("veille")
