package io.minibase.file.image;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image types file-service accepts, told apart by their first bytes (the client's
 * name and Content-Type are never trusted).
 */
public enum ImageType {

	JPEG("image/jpeg", "jpeg"), PNG("image/png", "png"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

	/** Bytes needed by {@link #sniff}. */
	public static final int HEAD_LENGTH = 12;

	private final String contentType;

	private final String formatName;

	ImageType(String contentType, String formatName) {
		this.contentType = contentType;
		this.formatName = formatName;
	}

	public String contentType() {
		return this.contentType;
	}

	/** The ImageIO format name. */
	public String formatName() {
		return this.formatName;
	}

	public static Optional<ImageType> ofContentType(String contentType) {
		return Arrays.stream(values()).filter((type) -> type.contentType.equals(contentType)).findFirst();
	}

	/** The type whose signature {@code head} (the first bytes of a file) starts with. */
	public static Optional<ImageType> sniff(byte[] head, int length) {
		if (startsWith(head, length, 0xFF, 0xD8, 0xFF)) {
			return Optional.of(JPEG);
		}
		if (startsWith(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return Optional.of(PNG);
		}
		if (startsWith(head, length, 'G', 'I', 'F', '8', '7', 'a')
				|| startsWith(head, length, 'G', 'I', 'F', '8', '9', 'a')) {
			return Optional.of(GIF);
		}
		if (length >= 12 && startsWith(head, length, 'R', 'I', 'F', 'F') && head[8] == 'W' && head[9] == 'E'
				&& head[10] == 'B' && head[11] == 'P') {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] head, int length, int... signature) {
		if (length < signature.length) {
			return false;
		}
		for (int i = 0; i < signature.length; i++) {
			if ((head[i] & 0xFF) != signature[i]) {
				return false;
			}
		}
		return true;
	}

}
