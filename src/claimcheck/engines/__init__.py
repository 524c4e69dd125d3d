"""Engines that run the stages elsewhere than in this process pool.

A Dask cluster.
"""
