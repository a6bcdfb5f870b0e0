// JNI entry points for org.openahi.bench.jpeg.NativeJpeg: libjpeg-turbo (Debian's libjpeg62-turbo, 8-bit) and
// DCMTK's IJG builds for 8, 12 and 16 bits through DCMTK's own per-frame decoders (DJDecompressIJG8Bit/12Bit/16Bit,
// what dcmdjpeg runs), decoding in memory into a caller's buffer. Built at benchmark time by
// benchmarks/scripts/build-jpeg-shim.sh; neither this library nor the native libraries are committed.
#include <jni.h>
#include <cstdio>
#include <csetjmp>
#include <cstring>
#include <jpeglib.h>
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmjpeg/djcparam.h"
#include "dcmtk/dcmjpeg/djdijg8.h"
#include "dcmtk/dcmjpeg/djdijg12.h"
#include "dcmtk/dcmjpeg/djdijg16.h"

namespace {

void fail(JNIEnv* env, const char* message) {
  env->ThrowNew(env->FindClass("java/lang/IllegalStateException"), message);
}

struct TurboError {
  jpeg_error_mgr pub;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void turboExit(j_common_ptr cinfo) {
  TurboError* err = reinterpret_cast<TurboError*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  longjmp(err->jump, 1);
}

}  // namespace

extern "C" {

// libjpeg-turbo: with toRgb, YCbCr is converted to RGB (as libjpeg does for a JFIF stream); without, the components
// come out in the stream's colour space (out_color_space = jpeg_color_space: YCbCr kept, chroma brought to full
// resolution by libjpeg's default, fancy, upsampling), as openahi decodes with ColourConversion.NONE. Grey and RGB
// streams are never converted.
JNIEXPORT void JNICALL Java_org_openahi_bench_jpeg_NativeJpeg_decodeTurbo(JNIEnv* env, jclass, jbyteArray jpeg,
    jbyteArray samples, jboolean toRgb) {
  jsize inLength = env->GetArrayLength(jpeg);
  jsize outLength = env->GetArrayLength(samples);
  jbyte* in = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(jpeg, nullptr));
  jbyte* out = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(samples, nullptr));
  jpeg_decompress_struct cinfo;
  TurboError err;
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = turboExit;
  bool ok = false;
  if (setjmp(err.jump) == 0) {
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, reinterpret_cast<unsigned char*>(in), static_cast<unsigned long>(inLength));
    jpeg_read_header(&cinfo, TRUE);
    if (!toRgb) {
      cinfo.out_color_space = cinfo.jpeg_color_space;
    }
    jpeg_start_decompress(&cinfo);
    size_t row = static_cast<size_t>(cinfo.output_width) * cinfo.output_components;
    if (row * cinfo.output_height <= static_cast<size_t>(outLength)) {
      while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW line = reinterpret_cast<JSAMPROW>(out) + row * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &line, 1);
      }
      jpeg_finish_decompress(&cinfo);
      ok = true;
    } else {
      std::snprintf(err.message, sizeof err.message, "output buffer too small");
    }
  }
  jpeg_destroy_decompress(&cinfo);
  env->ReleasePrimitiveArrayCritical(samples, out, 0);
  env->ReleasePrimitiveArrayCritical(jpeg, in, JNI_ABORT);
  if (!ok) {
    fail(env, err.message);
  }
}

// DCMTK: the decoder dcmdjpeg picks by precision; YCbCr converted to RGB when ybr is set (dcmdjpeg's default for a
// YBR Photometric Interpretation), else samples as coded.
JNIEXPORT void JNICALL Java_org_openahi_bench_jpeg_NativeJpeg_decodeDcmtk(JNIEnv* env, jclass, jbyteArray jpeg,
    jbyteArray samples, jint precision, jboolean ybr) {
  DJCodecParameter parameters(ECC_lossyYCbCr, ybr ? EDC_photometricInterpretation : EDC_never, EUC_default,
                              EPC_default);
  DJDecoder* decoder;
  if (precision <= 8) {
    decoder = new DJDecompressIJG8Bit(parameters, ybr);
  } else if (precision <= 12) {
    decoder = new DJDecompressIJG12Bit(parameters, ybr);
  } else {
    decoder = new DJDecompressIJG16Bit(parameters, ybr);
  }
  jsize inLength = env->GetArrayLength(jpeg);
  jsize outLength = env->GetArrayLength(samples);
  jbyte* in = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(jpeg, nullptr));
  jbyte* out = static_cast<jbyte*>(env->GetPrimitiveArrayCritical(samples, nullptr));
  OFCondition result = decoder->init();
  if (result.good()) {
    result = decoder->decode(reinterpret_cast<Uint8*>(in), static_cast<Uint32>(inLength),
                             reinterpret_cast<Uint8*>(out), static_cast<Uint32>(outLength), OFFalse);
  }
  env->ReleasePrimitiveArrayCritical(samples, out, 0);
  env->ReleasePrimitiveArrayCritical(jpeg, in, JNI_ABORT);
  delete decoder;
  if (result.bad()) {
    fail(env, result.text());
  }
}
}
