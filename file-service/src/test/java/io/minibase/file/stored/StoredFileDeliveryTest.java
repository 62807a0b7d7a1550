package io.minibase.file.stored;

import java.time.Instant;

import io.minibase.file.stored.StoredFile.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see a file: the rule of api.md, plus private files (ADR 17). */
class StoredFileDeliveryTest {

	private static final long OWNER = 42;

	private static final String TOKEN = "t".repeat(43);

	private static StoredFile file(ReviewStatus status, Visibility visibility) {
		return new StoredFile(1, FileId.random(), OWNER, "ab".repeat(32), "k", "image/png", 5, 1, 1, false, "",
				Instant.EPOCH, status, TOKEN, visibility);
	}

	@Test
	void aPrivateFileGoesToItsOwnerAndIsHiddenFromEveryoneElse() {
		StoredFile secret = file(ReviewStatus.TRUSTED, Visibility.PRIVATE);

		assertThat(secret.deliveryTo(OWNER, null)).isEqualTo(Delivery.TO_ITS_OWNER);
		assertThat(secret.deliveryTo(43L, null)).isEqualTo(Delivery.HIDDEN);
		assertThat(secret.deliveryTo(null, null)).isEqualTo(Delivery.HIDDEN);
		assertThat(secret.deliveryTo(null, TOKEN)).as("the review token is for public files")
			.isEqualTo(Delivery.HIDDEN);
	}

	@Test
	void anAdminSeesAPrivateFileAsItsOwnerDoesAndAPublicOneAsAnyoneDoes() {
		assertThat(file(ReviewStatus.TRUSTED, Visibility.PRIVATE).deliveryTo(1L, true, null))
			.isEqualTo(Delivery.TO_ITS_OWNER);
		assertThat(file(ReviewStatus.TRUSTED, Visibility.PRIVATE).deliveryTo(1L, false, null))
			.as("a user who is no admin")
			.isEqualTo(Delivery.HIDDEN);
		assertThat(file(ReviewStatus.PENDING, Visibility.PUBLIC).deliveryTo(1L, true, null))
			.as("a public file under check waits for WeChat, whoever asks")
			.isEqualTo(Delivery.HIDDEN);
	}

	@ParameterizedTest
	@EnumSource(ReviewStatus.class)
	void whateverItsReviewAnotherCallerLearnsNothingOfAPrivateFile(ReviewStatus status) {
		assertThat(file(status, Visibility.PRIVATE).deliveryTo(43L, TOKEN)).isEqualTo(Delivery.HIDDEN);
	}

	@Test
	void aPublicFileGoesToAllOnceItNeedsNoCheckOrPassed() {
		assertThat(file(ReviewStatus.TRUSTED, Visibility.PUBLIC).deliveryTo(null, null)).isEqualTo(Delivery.TO_ALL);
		assertThat(file(ReviewStatus.PASSED, Visibility.PUBLIC).deliveryTo(43L, null)).isEqualTo(Delivery.TO_ALL);
	}

	@Test
	void aPublicFileUnderCheckGoesToItsOwnerAndWeChatOnly() {
		StoredFile pending = file(ReviewStatus.PENDING, Visibility.PUBLIC);

		assertThat(pending.deliveryTo(OWNER, null)).isEqualTo(Delivery.UNDER_CHECK);
		assertThat(pending.deliveryTo(null, TOKEN)).isEqualTo(Delivery.UNDER_CHECK);
		assertThat(pending.deliveryTo(43L, "x".repeat(43))).isEqualTo(Delivery.HIDDEN);
		assertThat(pending.deliveryTo(null, null)).isEqualTo(Delivery.HIDDEN);
	}

	@Test
	void aRejectedPublicFileIsGoneForEveryoneItsOwnerToo() {
		StoredFile rejected = file(ReviewStatus.REJECTED, Visibility.PUBLIC);

		assertThat(rejected.deliveryTo(OWNER, null)).isEqualTo(Delivery.GONE);
		assertThat(rejected.deliveryTo(null, TOKEN)).isEqualTo(Delivery.GONE);
	}

}
