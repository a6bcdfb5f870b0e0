/*
 * A command-line front end to CharLS (Debian's libcharls 2.4), the JPEG-LS oracle of the jpegls tests. Built by the
 * tests (CharLsTool.java) into target/; neither CharLS nor this binary is committed. Raw files hold samples as the
 * decoder gives them: 1 byte up to 8 bits else 2 (little-endian), components interleaved.
 *
 *   charls_tool decode IN.jls OUT.raw
 *       prints "width height components bits interleave near"
 *   charls_tool encode IN.raw OUT.jls width height components bits interleave near maxval t1 t2 t3 reset transform
 *       interleave 0 none, 1 line, 2 sample; maxval, thresholds and reset 0 for the defaults; transform 0..3 (HP)
 */
#include <charls/charls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char* slurp(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char* data = malloc(n > 0 ? (size_t) n : 1);
  if (fread(data, 1, (size_t) n, f) != (size_t) n) { perror(path); exit(2); }
  fclose(f);
  *size = (size_t) n;
  return data;
}

static void spill(const char* path, const void* data, size_t size) {
  FILE* f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size) { perror(path); exit(2); }
  fclose(f);
}

static void check(charls_jpegls_errc rc, const char* what) {
  if (rc != CHARLS_JPEGLS_ERRC_SUCCESS) {
    fprintf(stderr, "%s: %s\n", what, charls_get_error_message(rc));
    exit(1);
  }
}

/* Planar (component after component) to interleaved, or back. */
static void reorder(const unsigned char* in, unsigned char* out, size_t pixels, int components, int bytes,
                    int to_interleaved) {
  for (size_t p = 0; p < pixels; p++) {
    for (int c = 0; c < components; c++) {
      size_t planar = ((size_t) c * pixels + p) * bytes;
      size_t interleaved = (p * components + c) * bytes;
      memcpy(out + (to_interleaved ? interleaved : planar), in + (to_interleaved ? planar : interleaved), bytes);
    }
  }
}

static int decode(const char* in, const char* out) {
  size_t size;
  unsigned char* source = slurp(in, &size);
  charls_jpegls_decoder* decoder = charls_jpegls_decoder_create();
  check(charls_jpegls_decoder_set_source_buffer(decoder, source, size), "source");
  check(charls_jpegls_decoder_read_header(decoder), "read_header");
  charls_frame_info info;
  check(charls_jpegls_decoder_get_frame_info(decoder, &info), "frame_info");
  charls_interleave_mode mode;
  check(charls_jpegls_decoder_get_interleave_mode(decoder, &mode), "interleave_mode");
  int32_t near;
  check(charls_jpegls_decoder_get_near_lossless(decoder, 0, &near), "near_lossless");
  size_t length;
  check(charls_jpegls_decoder_get_destination_size(decoder, 0, &length), "destination_size");
  unsigned char* samples = malloc(length);
  check(charls_jpegls_decoder_decode_to_buffer(decoder, samples, length, 0), "decode");
  int bytes = info.bits_per_sample > 8 ? 2 : 1;
  size_t pixels = (size_t) info.width * info.height;
  if (mode == CHARLS_INTERLEAVE_MODE_NONE && info.component_count > 1) {
    unsigned char* interleaved = malloc(length);
    reorder(samples, interleaved, pixels, info.component_count, bytes, 1);
    free(samples);
    samples = interleaved;
  }
  spill(out, samples, length);
  printf("%u %u %d %d %d %d\n", info.width, info.height, info.component_count, info.bits_per_sample, (int) mode, near);
  charls_jpegls_decoder_destroy(decoder);
  return 0;
}

static int encode(char** argv) {
  size_t size;
  unsigned char* source = slurp(argv[2], &size);
  charls_frame_info info = {(uint32_t) atoi(argv[4]), (uint32_t) atoi(argv[5]), atoi(argv[7]), atoi(argv[6])};
  int mode = atoi(argv[8]);
  int bytes = info.bits_per_sample > 8 ? 2 : 1;
  size_t pixels = (size_t) info.width * info.height;
  if (size != pixels * info.component_count * bytes) {
    fprintf(stderr, "raw input of %zu bytes does not hold the frame\n", size);
    return 2;
  }
  if (mode == 0 && info.component_count > 1) {
    unsigned char* planar = malloc(size);
    reorder(source, planar, pixels, info.component_count, bytes, 0);
    source = planar;
  }
  charls_jpegls_encoder* encoder = charls_jpegls_encoder_create();
  check(charls_jpegls_encoder_set_frame_info(encoder, &info), "frame_info");
  check(charls_jpegls_encoder_set_interleave_mode(encoder, (charls_interleave_mode) mode), "interleave_mode");
  check(charls_jpegls_encoder_set_near_lossless(encoder, atoi(argv[9])), "near_lossless");
  charls_jpegls_pc_parameters presets = {atoi(argv[10]), atoi(argv[11]), atoi(argv[12]), atoi(argv[13]),
                                         atoi(argv[14])};
  check(charls_jpegls_encoder_set_preset_coding_parameters(encoder, &presets), "preset_coding_parameters");
  check(charls_jpegls_encoder_set_color_transformation(encoder, (charls_color_transformation) atoi(argv[15])),
        "color_transformation");
  size_t capacity;
  check(charls_jpegls_encoder_get_estimated_destination_size(encoder, &capacity), "estimated_size");
  unsigned char* destination = malloc(capacity);
  check(charls_jpegls_encoder_set_destination_buffer(encoder, destination, capacity), "destination");
  check(charls_jpegls_encoder_encode_from_buffer(encoder, source, size, 0), "encode");
  size_t written;
  check(charls_jpegls_encoder_get_bytes_written(encoder, &written), "bytes_written");
  spill(argv[3], destination, written);
  charls_jpegls_encoder_destroy(encoder);
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 4 && strcmp(argv[1], "decode") == 0) {
    return decode(argv[2], argv[3]);
  }
  if (argc == 16 && strcmp(argv[1], "encode") == 0) {
    return encode(argv);
  }
  fprintf(stderr, "usage: charls_tool decode IN OUT | encode IN OUT width height components bits interleave near "
                  "maxval t1 t2 t3 reset transform\n");
  return 2;
}
