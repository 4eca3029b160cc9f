/* The anchor for the blur workload's speed: a plain separable 5x5 Gaussian blur in C, the way one
 * would write it without intrinsics, compiled by bench-perf-workloads with gcc -O3 -march=native.
 * Same input (LCG image), same arithmetic ((sum + 128) >> 8, edges clamped), so it also prints the
 * row-major checksum h = h*31 + pixel, which must equal the C# kernel's.
 * Usage: blur_baseline WIDTH HEIGHT REPEATS -> "best_seconds checksum_hex" */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static void blur(const uint8_t *src, uint8_t *dst, int w, int h, uint16_t *row) {
    for (int y = 0; y < h; y++) {
        const uint8_t *r0 = src + (size_t)clampi(y - 2, 0, h - 1) * w;
        const uint8_t *r1 = src + (size_t)clampi(y - 1, 0, h - 1) * w;
        const uint8_t *r2 = src + (size_t)y * w;
        const uint8_t *r3 = src + (size_t)clampi(y + 1, 0, h - 1) * w;
        const uint8_t *r4 = src + (size_t)clampi(y + 2, 0, h - 1) * w;
        uint16_t *v = row + 2;
        for (int x = 0; x < w; x++)
            v[x] = (uint16_t)(r0[x] + r4[x] + 4 * (r1[x] + r3[x]) + 6 * r2[x]);
        row[0] = row[1] = v[0];
        v[w] = v[w + 1] = v[w - 1];
        uint8_t *out = dst + (size_t)y * w;
        for (int x = 0; x < w; x++)
            out[x] = (uint8_t)((row[x] + row[x + 4] + 4 * (row[x + 1] + row[x + 3]) + 6 * row[x + 2] + 128) >> 8);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: blur_baseline WIDTH HEIGHT REPEATS\n"); return 2; }
    int w = atoi(argv[1]), h = atoi(argv[2]), repeats = atoi(argv[3]);
    size_t n = (size_t)w * h;
    uint8_t *src = malloc(n), *dst = malloc(n);
    uint16_t *row = malloc((w + 4) * sizeof(uint16_t));
    uint32_t s = 12345;
    for (size_t i = 0; i < n; i++) { s = s * 1664525u + 1013904223u; src[i] = (uint8_t)(s >> 24); }
    double best = 1e30;
    for (int r = 0; r < repeats; r++) {
        double t0 = now();
        blur(src, dst, w, h, row);
        double t = now() - t0;
        if (t < best) best = t;
    }
    uint64_t hash = 0;
    for (size_t i = 0; i < n; i++) hash = hash * 31 + dst[i];
    printf("%.9f %016llx\n", best, (unsigned long long)hash);
    return 0;
}
