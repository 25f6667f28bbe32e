/*
 * Writes src/test/resources/org/dedup4j/hashers/xxhash-sanity-vectors.txt: XXH64, XXH3-64 and
 * XXH3-128 (seed 0) of prefixes of xxHash's sanity buffer, computed by the reference C
 * implementation (xxhash.h; Debian/Ubuntu package libxxhash-dev).
 *
 * The buffer is the one xxHash's own sanity checks hash (cli/xsum_sanity_check.c and
 * tests/sanity_test_vectors_generator.c): byte i is the top byte of PRIME32 * PRIME64^i (mod 2^64).
 *
 *   cc -O2 -o /tmp/xxh-vectors src/test/c/xxhash_sanity_vectors.c && \
 *     /tmp/xxh-vectors > src/test/resources/org/dedup4j/hashers/xxhash-sanity-vectors.txt
 */
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <stdint.h>
#include <stdio.h>

#define PRIME32 2654435761U
#define PRIME64 11400714785074694797ULL
#define BUFFER_SIZE (4096 + 64 + 1) /* the sanity buffer's size in xxHash */

static int wanted(size_t len) {
  /* Every length up to 256 (all of XXH3's short-input branches: 0, 1-3, 4-8, 9-16, 17-128,
   * 129-240, and the first long inputs), then stripe (64), block (1024) and buffer boundaries,
   * and the lengths xxhsum's built-in sanity check uses. */
  static const size_t more[] = {
      319, 320, 321, 403, 511, 512, 513, 1023, 1024, 1025, 1088, 1920, 2047, 2048, 2049, 2099,
      2240, 2367, 3072, 4095, 4096, 4097, 4160};
  if (len <= 256) return 1;
  for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
    if (more[i] == len) return 1;
  }
  return 0;
}

int main(void) {
  static uint8_t buf[BUFFER_SIZE];
  uint64_t gen = PRIME32;
  for (size_t i = 0; i < BUFFER_SIZE; i++) {
    buf[i] = (uint8_t)(gen >> 56);
    gen *= PRIME64;
  }
  printf("# XXH64, XXH3-64 and XXH3-128 with seed 0 of the first LEN bytes of xxHash's sanity buffer\n");
  printf("# (byte i = top byte of 2654435761 * 11400714785074694797^i mod 2^64, as in xxHash's\n");
  printf("# cli/xsum_sanity_check.c and tests/sanity_test_vectors_generator.c), computed by the\n");
  printf("# reference C implementation, xxhash.h %d.%d.%d, with src/test/c/xxhash_sanity_vectors.c.\n",
         XXH_VERSION_MAJOR, XXH_VERSION_MINOR, XXH_VERSION_RELEASE);
  printf("# Rows for the lengths that xxhsum's built-in sanity check lists with seed 0 (XXH64: 0, 1, 4, 14,\n");
  printf("# 222; XXH3-64: 0, 1, 6, 12, 24, 48, 80, 195, 403, 512, 2048, 2240, 2367; XXH3-128: 0, 1, 6, 12,\n");
  printf("# 24, 48, 81, 222, 403, 512, 2048, 2240, 2367) equal the values published in its sources.\n");
  printf("# XXH3-128 is written high 64 bits then low 64 bits, the order xxhsum -H2 prints.\n");
  printf("# len xxh64 xxh3_64 xxh3_128_high xxh3_128_low\n");
  for (size_t len = 0; len < BUFFER_SIZE; len++) {
    if (!wanted(len)) continue;
    XXH128_hash_t h128 = XXH3_128bits_withSeed(buf, len, 0);
    printf("%zu %016llx %016llx %016llx %016llx\n", len,
           (unsigned long long)XXH64(buf, len, 0),
           (unsigned long long)XXH3_64bits_withSeed(buf, len, 0),
           (unsigned long long)h128.high64, (unsigned long long)h128.low64);
  }
  return 0;
}
