"""sphinx_ext"""
