// JNI entry points for org.openahi.bench.jpegls.CharLs over Debian's libcharls (2.4), in memory. Built at benchmark
// time by benchmarks/scripts/build-charls-shim.sh; neither this library nor CharLS is committed.
#include <charls/charls.h>
#include <jni.h>
#include <cstddef>
#include <cstdint>
#include <cstdio>

extern "C" {

// The C++ view of the C API names success charls::jpegls_errc::success; 0 either way.
static bool ok(charls_jpegls_errc rc) {
  return static_cast<int>(rc) == 0;
}

static void fail(JNIEnv* env, const char* what, charls_jpegls_errc rc) {
  char message[256];
  snprintf(message, sizeof message, "CharLS %s: %s", what, charls_get_error_message(rc));
  env->ThrowNew(env->FindClass("java/lang/IllegalStateException"), message);
}

// Encodes interleaved samples (1 byte up to 8 bits, else 2, little-endian) with the default presets.
JNIEXPORT jbyteArray JNICALL Java_org_openahi_bench_jpegls_CharLs_encode(JNIEnv* env, jclass, jbyteArray samples,
    jint width, jint height, jint components, jint bits, jint interleave, jint nearLossless) {
  charls_jpegls_encoder* encoder = charls_jpegls_encoder_create();
  charls_frame_info info = {static_cast<uint32_t>(width), static_cast<uint32_t>(height), bits, components};
  charls_jpegls_errc rc = charls_jpegls_encoder_set_frame_info(encoder, &info);
  if (ok(rc)) {
    rc = charls_jpegls_encoder_set_interleave_mode(encoder, static_cast<charls_interleave_mode>(interleave));
  }
  if (ok(rc)) {
    rc = charls_jpegls_encoder_set_near_lossless(encoder, nearLossless);
  }
  size_t capacity = 0;
  if (ok(rc)) {
    rc = charls_jpegls_encoder_get_estimated_destination_size(encoder, &capacity);
  }
  jbyteArray result = nullptr;
  if (ok(rc)) {
    auto* destination = new uint8_t[capacity];
    rc = charls_jpegls_encoder_set_destination_buffer(encoder, destination, capacity);
    jsize length = env->GetArrayLength(samples);
    jbyte* in = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(samples, nullptr));
    if (ok(rc)) {
      rc = charls_jpegls_encoder_encode_from_buffer(encoder, in, static_cast<size_t>(length), 0);
    }
    env->ReleasePrimitiveArrayCritical(samples, in, JNI_ABORT);
    size_t written = 0;
    if (ok(rc)) {
      rc = charls_jpegls_encoder_get_bytes_written(encoder, &written);
    }
    if (ok(rc)) {
      result = env->NewByteArray(static_cast<jsize>(written));
      env->SetByteArrayRegion(result, 0, static_cast<jsize>(written), reinterpret_cast<const jbyte*>(destination));
    }
    delete[] destination;
  }
  charls_jpegls_encoder_destroy(encoder);
  if (!ok(rc)) {
    fail(env, "encode", rc);
  }
  return result;
}

// Decodes a frame into samples, which must hold it: interleaved for line and sample interleave and for one
// component, component after component for several components without interleave (CharLS's layout).
JNIEXPORT void JNICALL Java_org_openahi_bench_jpegls_CharLs_decode(JNIEnv* env, jclass, jbyteArray code,
    jbyteArray samples) {
  jsize inLength = env->GetArrayLength(code);
  jsize outLength = env->GetArrayLength(samples);
  jbyte* in = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(code, nullptr));
  jbyte* out = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(samples, nullptr));
  charls_jpegls_decoder* decoder = charls_jpegls_decoder_create();
  charls_jpegls_errc rc = charls_jpegls_decoder_set_source_buffer(decoder, in, static_cast<size_t>(inLength));
  if (ok(rc)) {
    rc = charls_jpegls_decoder_read_header(decoder);
  }
  if (ok(rc)) {
    rc = charls_jpegls_decoder_decode_to_buffer(decoder, out, static_cast<size_t>(outLength), 0);
  }
  charls_jpegls_decoder_destroy(decoder);
  env->ReleasePrimitiveArrayCritical(samples, out, 0);
  env->ReleasePrimitiveArrayCritical(code, in, JNI_ABORT);
  if (!ok(rc)) {
    fail(env, "decode", rc);
  }
}
}
