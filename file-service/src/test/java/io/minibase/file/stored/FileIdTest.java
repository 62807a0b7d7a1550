package io.minibase.file.stored;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileIdTest {

	@Test
	void anIdIs128RandomBitsInBase64UrlWithoutPadding() {
		FileId id = FileId.random();

		assertThat(id.value()).hasSize(22).matches("[A-Za-z0-9_-]{22}");
		assertThat(Base64.getUrlDecoder().decode(id.value())).hasSize(16);
		assertThat(id.url()).isEqualTo("/api/files/" + id.value());
	}

	@Test
	void noTwoIdsAreEqualAndNoneFollowsFromTheOneBefore() {
		Set<String> seen = new HashSet<>();
		String previous = FileId.random().value();
		int samePrefix = 0;
		for (int i = 0; i < 20_000; i++) {
			String id = FileId.random().value();
			assertThat(seen.add(id)).as("a repeated id").isTrue();
			if (id.regionMatches(0, previous, 0, 4)) {
				samePrefix++;
			}
			previous = id;
		}
		// a counter or a timestamp would share its leading characters with its
		// predecessor; 24 random bits do so once in 16 million
		assertThat(samePrefix).isLessThan(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "7", "12345678901234567890", "AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA",
			"AAAAAAAAAAAAAAAAAAAA+/", "AAAAAAAAAAAAAAAAAAAA.." })
	void anythingElseIsNoId(String text) {
		assertThat(FileId.parse(text)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> new FileId(text));
	}

}
