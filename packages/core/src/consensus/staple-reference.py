"""Independent NumPy implementation of binary STAPLE (Warfield, Zou & Wells, IEEE TMI 2004), used by
staple.reference.test.ts as the reference the TypeScript port is compared with.

Written from the paper's EM equations with ITK STAPLEImageFilter's conventions (W starts as the mean vote,
prior g = mean of that W, stop when no sensitivity/specificity changed by more than the tolerance), in
float64 and vectorised over all voxels: no closed-form shortcuts, no shared code with the TypeScript.

usage: staple-reference.py <votes.u8> <readers> <voxels> <labels,comma-separated> <maxIter> <tol> [prior]
votes.u8 holds the readers' label maps one after another (uint8). Prints JSON, one entry per label.
"""
import json
import sys

import numpy as np


def staple(D, max_iter, tol, prior):
    W = D.mean(axis=0)
    g = W.mean() if prior is None else prior
    last = None
    iterations = 0
    converged = False
    while iterations < max_iter and not converged:
        p = (D * W).sum(axis=1) / W.sum()
        q = ((~D) * (1.0 - W)).sum(axis=1) / (1.0 - W).sum()
        a = np.where(D, p[:, None], 1.0 - p[:, None]).prod(axis=0)
        b = np.where(D, 1.0 - q[:, None], q[:, None]).prod(axis=0)
        W = g * a / (g * a + (1.0 - g) * b)
        iterations += 1
        if last is not None:
            change = max(np.abs(p - last[0]).max(), np.abs(q - last[1]).max())
            converged = bool(change <= tol)
        last = (p, q)
    return {
        "sensitivity": p.tolist(),
        "specificity": q.tolist(),
        "probability": W.tolist(),
        "iterations": iterations,
        "converged": converged,
        "prior": float(g),
    }


def main():
    path, readers, voxels, labels, max_iter, tol = sys.argv[1:7]
    prior = float(sys.argv[7]) if len(sys.argv) > 7 else None
    maps = np.fromfile(path, dtype=np.uint8).reshape(int(readers), int(voxels))
    results = [
        dict(label=int(label), **staple(maps == int(label), int(max_iter), float(tol), prior))
        for label in labels.split(",")
    ]
    json.dump(results, sys.stdout)


main()
