/*
 * JNI entry points for org.openahi.bench.j2k.OpenJpeg over Debian's libopenjp2 (OpenJPEG 2.5), in memory and on
 * one thread. Built at benchmark time by benchmarks/scripts/build-openjpeg-shim.sh; neither this library nor
 * OpenJPEG is committed. Samples are in the raw layout: little-endian, 1 byte each up to 8 bits else 2, components
 * interleaved. Encoding is lossless: 5/3, RCT for 3 components, one layer, RPCL, 64 x 64 code-blocks, the given
 * number of decomposition levels (what our J2kEncoder writes, less its TLM marker and tile-parts).
 */
#include <jni.h>
#include <stdlib.h>
#include <string.h>
#include <openjpeg.h>

typedef struct {
  unsigned char* data;
  OPJ_SIZE_T length;
  OPJ_SIZE_T capacity;
  OPJ_SIZE_T position;
} buffer_t;

static OPJ_SIZE_T buffer_read(void* out, OPJ_SIZE_T n, void* user) {
  buffer_t* b = (buffer_t*) user;
  if (b->position >= b->length) {
    return (OPJ_SIZE_T) -1;
  }
  if (n > b->length - b->position) {
    n = b->length - b->position;
  }
  memcpy(out, b->data + b->position, n);
  b->position += n;
  return n;
}

static OPJ_SIZE_T buffer_write(void* in, OPJ_SIZE_T n, void* user) {
  buffer_t* b = (buffer_t*) user;
  if (b->position + n > b->capacity) {
    OPJ_SIZE_T capacity = (b->position + n) * 2;
    unsigned char* grown = (unsigned char*) realloc(b->data, capacity);
    if (grown == NULL) {
      return (OPJ_SIZE_T) -1;
    }
    b->data = grown;
    b->capacity = capacity;
  }
  memcpy(b->data + b->position, in, n);
  b->position += n;
  if (b->position > b->length) {
    b->length = b->position;
  }
  return n;
}

static OPJ_OFF_T buffer_skip(OPJ_OFF_T n, void* user) {
  buffer_t* b = (buffer_t*) user;
  OPJ_OFF_T target = (OPJ_OFF_T) b->position + n;
  if (target < 0) {
    return -1;
  }
  b->position = (OPJ_SIZE_T) target;
  return n;
}

static OPJ_BOOL buffer_seek(OPJ_OFF_T n, void* user) {
  buffer_t* b = (buffer_t*) user;
  if (n < 0) {
    return OPJ_FALSE;
  }
  b->position = (OPJ_SIZE_T) n;
  return OPJ_TRUE;
}

static opj_stream_t* stream(buffer_t* b, OPJ_BOOL input) {
  opj_stream_t* s = opj_stream_create(1 << 20, input);
  opj_stream_set_user_data(s, b, NULL);
  opj_stream_set_user_data_length(s, b->length);
  opj_stream_set_read_function(s, buffer_read);
  opj_stream_set_write_function(s, buffer_write);
  opj_stream_set_skip_function(s, buffer_skip);
  opj_stream_set_seek_function(s, buffer_seek);
  return s;
}

static void fail(JNIEnv* env, const char* message) {
  (*env)->ThrowNew(env, (*env)->FindClass(env, "java/lang/IllegalStateException"), message);
}

JNIEXPORT jbyteArray JNICALL Java_org_openahi_bench_j2k_OpenJpeg_encode(JNIEnv* env, jclass cls, jbyteArray samples,
    jint width, jint height, jint components, jint bits, jboolean isSigned, jint levels) {
  (void) cls;
  opj_image_cmptparm_t parameters[3];
  memset(parameters, 0, sizeof(parameters));
  for (int c = 0; c < components; c++) {
    parameters[c].dx = 1;
    parameters[c].dy = 1;
    parameters[c].w = (OPJ_UINT32) width;
    parameters[c].h = (OPJ_UINT32) height;
    parameters[c].prec = (OPJ_UINT32) bits;
    parameters[c].sgnd = isSigned ? 1 : 0;
  }
  opj_image_t* image = opj_image_create((OPJ_UINT32) components, parameters,
                                        components == 3 ? OPJ_CLRSPC_SRGB : OPJ_CLRSPC_GRAY);
  image->x0 = 0;
  image->y0 = 0;
  image->x1 = (OPJ_UINT32) width;
  image->y1 = (OPJ_UINT32) height;
  int bytes = bits > 8 ? 2 : 1;
  size_t n = (size_t) width * (size_t) height;
  jbyte* in = (jbyte*) (*env)->GetPrimitiveArrayCritical(env, samples, NULL);
  const unsigned char* raw = (const unsigned char*) in;
  for (int c = 0; c < components; c++) {
    OPJ_INT32* plane = image->comps[c].data;
    for (size_t i = 0; i < n; i++) {
      size_t at = (i * (size_t) components + (size_t) c) * (size_t) bytes;
      int v = bytes == 1 ? raw[at] : raw[at] | raw[at + 1] << 8;
      if (isSigned) {
        v = bytes == 1 ? (signed char) v : (short) v;
      }
      plane[i] = v;
    }
  }
  (*env)->ReleasePrimitiveArrayCritical(env, samples, in, JNI_ABORT);

  opj_cparameters_t p;
  opj_set_default_encoder_parameters(&p);
  p.tcp_numlayers = 1;
  p.tcp_rates[0] = 0;
  p.cp_disto_alloc = 1;
  p.irreversible = 0;
  p.numresolution = levels + 1;
  p.prog_order = OPJ_RPCL;
  p.cblockw_init = 64;
  p.cblockh_init = 64;
  p.tcp_mct = components == 3 ? 1 : 0;
  opj_codec_t* codec = opj_create_compress(OPJ_CODEC_J2K);
  buffer_t out = {NULL, 0, 0, 0};
  opj_stream_t* s = NULL;
  int ok = opj_setup_encoder(codec, &p, image) && opj_codec_set_threads(codec, 1);
  if (ok) {
    s = stream(&out, OPJ_FALSE);
    ok = opj_start_compress(codec, image, s) && opj_encode(codec, s) && opj_end_compress(codec, s);
  }
  if (s != NULL) {
    opj_stream_destroy(s);
  }
  opj_destroy_codec(codec);
  opj_image_destroy(image);
  if (!ok) {
    free(out.data);
    fail(env, "OpenJPEG could not encode the image");
    return NULL;
  }
  jbyteArray result = (*env)->NewByteArray(env, (jsize) out.length);
  (*env)->SetByteArrayRegion(env, result, 0, (jsize) out.length, (const jbyte*) out.data);
  free(out.data);
  return result;
}

JNIEXPORT void JNICALL Java_org_openahi_bench_j2k_OpenJpeg_decode(JNIEnv* env, jclass cls, jbyteArray codestream,
    jbyteArray samples) {
  (void) cls;
  jsize inLength = (*env)->GetArrayLength(env, codestream);
  jsize outLength = (*env)->GetArrayLength(env, samples);
  buffer_t in = {(unsigned char*) malloc((size_t) inLength), (OPJ_SIZE_T) inLength, (OPJ_SIZE_T) inLength, 0};
  (*env)->GetByteArrayRegion(env, codestream, 0, inLength, (jbyte*) in.data);
  opj_dparameters_t p;
  opj_set_default_decoder_parameters(&p);
  opj_codec_t* codec = opj_create_decompress(OPJ_CODEC_J2K);
  opj_stream_t* s = stream(&in, OPJ_TRUE);
  opj_image_t* image = NULL;
  int ok = opj_setup_decoder(codec, &p) && opj_codec_set_threads(codec, 1) && opj_read_header(s, codec, &image)
      && opj_decode(codec, s, image) && opj_end_decompress(codec, s);
  if (ok) {
    int components = (int) image->numcomps;
    int bytes = image->comps[0].prec > 8 ? 2 : 1;
    size_t n = (size_t) image->comps[0].w * image->comps[0].h;
    if (n * (size_t) components * (size_t) bytes != (size_t) outLength) {
      ok = 0;
    } else {
      jbyte* out = (jbyte*) (*env)->GetPrimitiveArrayCritical(env, samples, NULL);
      unsigned char* raw = (unsigned char*) out;
      for (int c = 0; c < components; c++) {
        const OPJ_INT32* plane = image->comps[c].data;
        for (size_t i = 0; i < n; i++) {
          size_t at = (i * (size_t) components + (size_t) c) * (size_t) bytes;
          raw[at] = (unsigned char) plane[i];
          if (bytes == 2) {
            raw[at + 1] = (unsigned char) (plane[i] >> 8);
          }
        }
      }
      (*env)->ReleasePrimitiveArrayCritical(env, samples, out, 0);
    }
  }
  opj_stream_destroy(s);
  opj_destroy_codec(codec);
  if (image != NULL) {
    opj_image_destroy(image);
  }
  free(in.data);
  if (!ok) {
    fail(env, "OpenJPEG could not decode the codestream into the buffer");
  }
}
