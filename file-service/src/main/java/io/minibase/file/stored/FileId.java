package io.minibase.file.stored;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file's public id: 128 bits from a {@link SecureRandom}, base64url without padding (22
 * characters). It is the only id a client or another service ever sees; nothing in one id
 * tells anything about another (api.md), unlike the row's sequence number.
 */
public record FileId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final SecureRandom random = new SecureRandom();

	public FileId {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("Not a file id");
		}
	}

	/** A new id, never derived from anything. */
	public static FileId random() {
		byte[] bits = new byte[16];
		random.nextBytes(bits);
		return new FileId(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
	}

	/** The id a path carries, when it has the format of one. */
	public static Optional<FileId> parse(String text) {
		return (text != null && FORMAT.matcher(text).matches()) ? Optional.of(new FileId(text)) : Optional.empty();
	}

	/** Where the file is served, through the gateway. */
	public String url() {
		return "/api/files/" + this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
