package io.minibase.file.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.minibase.file.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageTypeTest {

	@Test
	void eachAcceptedTypeIsToldByItsFirstBytes() {
		assertThat(sniff(TestImages.image("jpeg", 4, 4, 1))).hasValue(ImageType.JPEG);
		assertThat(sniff(TestImages.image("png", 4, 4, 1))).hasValue(ImageType.PNG);
		assertThat(sniff(TestImages.image("gif", 4, 4, 1))).hasValue(ImageType.GIF);
		assertThat(sniff(TestImages.WEBP_1X1)).hasValue(ImageType.WEBP);
		assertThat(sniff("GIF87a".getBytes(StandardCharsets.US_ASCII))).hasValue(ImageType.GIF);
	}

	@Test
	void everythingElseIsNoImage() {
		assertThat(sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(sniff("<!DOCTYPE html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(sniff(new byte[] { 'M', 'Z', (byte) 0x90, 0 })).isEmpty();
		assertThat(sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).as("a RIFF that is no WebP")
			.isEmpty();
		assertThat(sniff(new byte[] { (byte) 0xFF, (byte) 0xD8 })).as("too short").isEmpty();
		assertThat(sniff(new byte[0])).isEmpty();
	}

	private static Optional<ImageType> sniff(byte[] content) {
		byte[] head = new byte[ImageType.HEAD_LENGTH];
		int length = Math.min(content.length, head.length);
		System.arraycopy(content, 0, head, 0, length);
		return ImageType.sniff(head, length);
	}

}
