package io.minibase.catalog.sharecode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * WeChat answered an error other than busy (a page it does not know, a quota reached): a
 * 502, since the caller can do nothing about it; the errcode is in the log and the
 * {@code wechat_api_calls_seconds} metric.
 */
class ShareCodeRefused extends ErrorResponseException {

	ShareCodeRefused() {
		super(HttpStatus.BAD_GATEWAY,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "WeChat did not make the share code."), null);
	}

}
