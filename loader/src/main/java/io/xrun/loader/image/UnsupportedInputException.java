package io.xrun.loader.image;

import java.io.IOException;

/** Well-formed input that uses a feature xrun does not implement (GNU sparse files, bzip2...). */
final class UnsupportedInputException extends IOException {
    UnsupportedInputException(String message) {
        super(message);
    }
}
