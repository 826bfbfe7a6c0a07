package io.xrun.loader.image;

import java.io.IOException;

/**
 * Stream-level damage (tar structure, compression stream, truncation). An IOException so that
 * it can travel through InputStream.read; the store reports it as {@link ImageException.Reason#CORRUPT}.
 */
final class CorruptInputException extends IOException {
    CorruptInputException(String message) {
        super(message);
    }
}
