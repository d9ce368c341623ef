#!/usr/bin/env python3
"""The same ResNet-18 as Pleura's FindingNetwork, in PyTorch from Python, for speed comparison.

Prints one JSON line: training images/s (AdamW, BCE-with-logits, batch B, S x S grayscale input) and batch-1
inference latency (median ms), with the thread count used. Run with Debian's python3-torch:
    /usr/bin/python3 scripts/bench/resnet18_torch.py --size 256 --width 32 --batch 16 --steps 10 --threads 2
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return F.relu(y + (x if self.short is None else self.short(x)))


class ResNet18(nn.Module):
    def __init__(self, width, outputs):
        super().__init__()
        w = [width, 2 * width, 4 * width, 8 * width]
        layers = [nn.Conv2d(1, w[0], 7, 2, 3, bias=False), nn.BatchNorm2d(w[0]), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
        cin = w[0]
        for s, cout in enumerate(w):
            for b in range(2):
                layers.append(Basic(cin, cout, 2 if (s > 0 and b == 0) else 1))
                cin = cout
        self.backbone = nn.Sequential(*layers)
        self.head = nn.Linear(cin, outputs)

    def forward(self, x):
        return self.head(F.adaptive_avg_pool2d(self.backbone(x), 1).flatten(1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--outputs", type=int, default=9)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--latency-runs", type=int, default=30)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = ResNet18(a.width, a.outputs)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    x = torch.randn(a.batch, 1, a.size, a.size)
    y = (torch.rand(a.batch, a.outputs) > 0.8).float()
    net.train()
    for i in range(a.warmup + a.steps):
        if i == a.warmup:
            t0 = time.perf_counter()
            c0 = time.process_time()
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(net(x), y)
        loss.backward()
        opt.step()
    train_ips = a.steps * a.batch / (time.perf_counter() - t0)
    train_ipcs = a.steps * a.batch / (time.process_time() - c0)
    net.eval()
    one = torch.randn(1, 1, a.size, a.size)
    times = []
    with torch.inference_mode():
        for i in range(5 + a.latency_runs):
            t = time.perf_counter()
            net(one)
            if i >= 5:
                times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"engine": "pytorch-python " + torch.__version__, "threads": torch.get_num_threads(),
                      "size": a.size, "width": a.width, "batch": a.batch,
                      "train_images_per_second": train_ips,
                      "train_images_per_cpu_second": train_ipcs, "latency_ms_median": statistics.median(times)}))


if __name__ == "__main__":
    main()
