// JNI entry points for org.openahi.bench.htj2k.OpenJph over the C shim of ../shared/htj2k/scripts/shim
// (htj2k_shim.cpp, which wraps Debian's libopenjph 0.9.0). Built at benchmark time by
// benchmarks/scripts/build-openjph-shim.sh; neither this library nor OpenJPH is committed.
#include <jni.h>
#include <cstddef>
#include <cstdint>

extern "C" {
const char* htj2k_last_error(void);
void htj2k_free(void*);
int htj2k_encode(const uint8_t*, uint32_t, uint32_t, uint32_t, uint32_t, int, uint32_t, uint32_t, uint32_t,
                 const char*, int, float, uint8_t**, size_t*);
int htj2k_decode(const uint8_t*, size_t, uint8_t*, size_t, uint32_t);

static void fail(JNIEnv* env) {
  env->ThrowNew(env->FindClass("java/lang/IllegalStateException"), htj2k_last_error());
}

JNIEXPORT jbyteArray JNICALL Java_org_openahi_bench_htj2k_OpenJph_encode(JNIEnv* env, jclass, jbyteArray samples,
    jint width, jint height, jint components, jint bits, jboolean isSigned, jint levels) {
  uint8_t* out = nullptr;
  size_t length = 0;
  jbyte* in = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(samples, nullptr));
  int rc = htj2k_encode(reinterpret_cast<const uint8_t*>(in), width, height, components, bits, isSigned ? 1 : 0,
                        levels, 64, 64, "RPCL", 1, 0.0f, &out, &length);
  env->ReleasePrimitiveArrayCritical(samples, in, JNI_ABORT);
  if (rc != 0) {
    fail(env);
    return nullptr;
  }
  jbyteArray result = env->NewByteArray(static_cast<jsize>(length));
  env->SetByteArrayRegion(result, 0, static_cast<jsize>(length), reinterpret_cast<const jbyte*>(out));
  htj2k_free(out);
  return result;
}

JNIEXPORT void JNICALL Java_org_openahi_bench_htj2k_OpenJph_decode(JNIEnv* env, jclass, jbyteArray codestream,
    jbyteArray samples) {
  jsize inLength = env->GetArrayLength(codestream);
  jsize outLength = env->GetArrayLength(samples);
  jbyte* in = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(codestream, nullptr));
  jbyte* out = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(samples, nullptr));
  int rc = htj2k_decode(reinterpret_cast<const uint8_t*>(in), inLength, reinterpret_cast<uint8_t*>(out),
                        outLength, 0);
  env->ReleasePrimitiveArrayCritical(samples, out, 0);
  env->ReleasePrimitiveArrayCritical(codestream, in, JNI_ABORT);
  if (rc != 0) {
    fail(env);
  }
}
}
