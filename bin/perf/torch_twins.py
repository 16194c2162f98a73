#!/usr/bin/python3
"""Runs torch_nets_bench.py (the PyTorch twins of semcycle's nets; its path is the first argument,
the rest are its own options) with its window timer extended by the process's CPU time, so that
`semcycle perf-nets --torch FILE` compares both sides per wall second and per CPU second (the
steadier figure on a shared machine). The twins' architectures, data and steps are the script's
own; only the timer is replaced. Each RESULT line then carries "cpu": samples per CPU second of
the median window (time.process_time: every thread of the process)."""
import importlib.util
import statistics
import sys
import time

if len(sys.argv) < 2:
    sys.exit("usage: torch_twins.py PATH/torch_nets_bench.py [its options]")
path = sys.argv[1]
spec = importlib.util.spec_from_file_location("torch_nets_bench", path)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def time_windows(fn, warmup, windows, steps, per_step):
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(windows):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(steps):
            fn()
        wall.append(steps * per_step / (time.perf_counter() - t0))
        cpu.append(steps * per_step / max(1e-9, time.process_time() - c0))
    return {"median": statistics.median(wall), "min": min(wall), "max": max(wall),
            "cpu": statistics.median(cpu)}


bench.time_windows = time_windows
sys.argv = [path] + sys.argv[2:]
bench.main()
