package io.minibase.file.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes are uploaded, sniffing and measuring them is a type and dimensions, a
 * 415 (no allowed type) or an {@link UnreadableImage} (a 422): never another exception,
 * never an image of no pixels, and never a decoded picture, whatever size it claims.
 * Inputs that once failed stay under {@code ImageInspectorFuzzTestInputs} (e.g. a GIF of
 * width 0, which was accepted as an image of no pixels).
 */
class ImageInspectorFuzzTest {

	private static final Path upload = tempFile();

	@FuzzTest
	void anyUploadIsMeasuredOrRefused(byte[] bytes) throws IOException {
		byte[] head = new byte[ImageType.HEAD_LENGTH];
		int length = Math.min(bytes.length, head.length);
		System.arraycopy(bytes, 0, head, 0, length);
		ImageType type = ImageType.sniff(head, length).orElse(null);
		if (type == null) {
			return;
		}
		Files.write(upload, bytes);
		try {
			ImageInspector.Dimensions dimensions = ImageInspector.dimensions(upload, type);
			assertThat(dimensions.width()).isPositive();
			assertThat(dimensions.height()).isPositive();
			if (type == ImageType.GIF) {
				ImageInspector.animated(upload);
			}
		}
		catch (UnreadableImage ex) {
			// refused as no image of its type
		}
	}

	private static Path tempFile() {
		try {
			Path file = Files.createTempFile("fuzzed-upload", ".bin");
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
