package io.minibase.order.aftersale;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A buyer's after-sale request: why (others read it, so WeChat's text check passes it),
 * how much back ({@code amountFen}, all that is left when absent), and up to 9 photos by
 * their file ids: files the buyer uploaded to file-service (private ones, so that only
 * they and the shop see them), which AfterSales checks with file-service.
 */
record RequestAfterSale(@NotBlank @Size(max = 200) String reason, @Positive Long amountFen,
		@Size(max = 9) List<@NotNull @Pattern(regexp = FILE_ID,
				message = "must be a file id (22 characters of A-Z, a-z, 0-9, - and _)") String> imageFileIds) {

	/** file-service's public file id: 128 random bits, base64url without padding. */
	static final String FILE_ID = "[A-Za-z0-9_-]{22}";

	/** The photos, none when absent. */
	List<String> images() {
		return (this.imageFileIds != null) ? this.imageFileIds : List.of();
	}

}
