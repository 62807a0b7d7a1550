package io.minibase.common.wechat;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * WeChat answered the content check with an error of its own (an openid it does not know,
 * a user who has not opened the mini-program lately, a wrong app setting): the text is
 * not saved unchecked, and the fault is not the client's, so 502.
 */
public class ContentCheckFailed extends ErrorResponseException {

	ContentCheckFailed() {
		super(HttpStatus.BAD_GATEWAY,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The content check failed; retry later."),
				null);
	}

}
