package io.minibase.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The stack's passwords and keys: from the environment when given, else generated once
 * and kept in the state folder, so there is never a default password and a restart keeps
 * the same ones.
 */
final class KeptSecrets {

	private final Path home;

	KeptSecrets(Path home) {
		this.home = home;
	}

	/** The first admin's password: {@code AUTH_ADMIN_PASSWORD}, else kept. */
	String adminPassword() {
		return keptPassword("AUTH_ADMIN_PASSWORD", "admin-password");
	}

	/**
	 * The operator's password for the services' actuator (dead-letter replay, HTTP Basic
	 * {@code operator}): {@code OPERATOR_PASSWORD}, else kept.
	 */
	String operatorPassword() {
		return keptPassword("OPERATOR_PASSWORD", "operator-password");
	}

	/** Where {@link #adminPassword()} or {@link #operatorPassword()} is kept. */
	Path file(String name) {
		return this.home.resolve(name);
	}

	/**
	 * A 32-byte key (base64), generated once and kept in the state folder's
	 * {@code run/keys}.
	 */
	String key(String name) {
		return kept(this.home.resolve("run").resolve("keys").resolve(name), 32, Base64.getEncoder());
	}

	/**
	 * A password from the environment variable, else generated once and kept in the state
	 * folder's file of that name.
	 */
	private String keptPassword(String variable, String name) {
		String given = System.getenv(variable);
		if (given != null && !given.isBlank()) {
			return given;
		}
		return kept(file(name), 18, Base64.getUrlEncoder().withoutPadding());
	}

	/**
	 * The secret in {@code file}; the first time, {@code bytes} random bytes in that
	 * encoding, written readable by the owner only.
	 */
	private static String kept(Path file, int bytes, Base64.Encoder encoding) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			byte[] random = new byte[bytes];
			new SecureRandom().nextBytes(random);
			String secret = encoding.encodeToString(random);
			Files.createDirectories(file.getParent());
			Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the folder's own permissions apply
			}
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep a secret in " + file, ex);
		}
	}

}
