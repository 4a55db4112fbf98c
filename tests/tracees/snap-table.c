/* Snapshot/restore workload: spends its start-up building a table (Collatz chain lengths, about 200 ms), then
   answers queries read from stdin. A snapshot taken at its first read of stdin skips the start-up. */
#include <stdio.h>
#include <stdlib.h>

#define N 3000000
static unsigned short steps[N];

static unsigned short chain(unsigned long n)
{
    unsigned long x = n;
    unsigned short s = 0;
    while (x != 1) {
        if (x < n) return s + steps[x];
        x = (x & 1) ? 3 * x + 1 : x / 2;
        s++;
    }
    return s;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 4;
    unsigned long best = 1;
    for (int r = 0; r < rounds; r++)
        for (unsigned long i = 2; i < N; i++) {
            steps[i] = chain(i);
            if (steps[i] > steps[best]) best = i;
        }
    char line[128];
    unsigned long total = 0;
    while (fgets(line, sizeof line, stdin)) {
        unsigned long q = strtoul(line, NULL, 10) % N;
        total += steps[q];
        printf("%lu: %u steps (longest below %d: %lu)\n", q, steps[q], N, best);
    }
    printf("total %lu\n", total);
    return (int)(total % 7);
}
