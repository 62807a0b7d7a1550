package io.minibase.catalog.product;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A product's ETag, {@code "<id>-<version>"}: every write bumps the version. */
final class ProductTags {

	private ProductTags() {
	}

	static String of(Product product) {
		return product.id() + "-" + product.version();
	}

	/**
	 * The version an {@code If-Match} header names for this product, or empty without one
	 * ({@code *} matches any version).
	 * @throws Stale when the header names another product or no version of ours
	 */
	static Optional<Long> version(String id, String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return Optional.empty();
		}
		String tag = ifMatch.strip();
		if (tag.startsWith("W/")) {
			// a weak tag never matches for If-Match (RFC 9110 13.1.1)
			throw new Stale();
		}
		tag = tag.replace("\"", "");
		String prefix = id + "-";
		if (!tag.startsWith(prefix) || !tag.substring(prefix.length()).matches("[0-9]{1,18}")) {
			throw new Stale();
		}
		return Optional.of(Long.parseLong(tag.substring(prefix.length())));
	}

	/** The product changed since the editor read it: 412. */
	static class Stale extends ErrorResponseException {

		Stale() {
			super(HttpStatus.PRECONDITION_FAILED, ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
					"The product changed since it was read (its ETag no longer matches); read it again and retry."),
					null);
		}

	}

}
