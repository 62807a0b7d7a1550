package io.minibase.common.wechat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * WeChat's content check found the text (or image) risky: 422 with {@code type} ending in
 * {@code /content-rejected} (shared/api.md, "WeChat platform calls"). Nothing was saved.
 * The detail never says what WeChat found, only which field it was.
 */
public class ContentRejected extends ErrorResponseException {

	/** The problem type every service answers for rejected content. */
	public static final URI TYPE = URI.create("/problems/content-rejected");

	public ContentRejected(String field) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(field), null);
	}

	private static ProblemDetail problem(String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"The content check refused this text; change it and try again.");
		problem.setType(TYPE);
		problem.setTitle("Content rejected");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", "was refused by the content check")));
		return problem;
	}

}
