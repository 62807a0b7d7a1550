package io.minibase.common.web;

import java.time.Duration;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RequestAdmissionTest {

	private final RequestAdmission admission = new RequestAdmission(2, Duration.ofMillis(50));

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void pastTheBoundARequestIsA503WithRetryAfterOnceItsWaitIsUp() {
		admit(new MockHttpServletRequest());
		admit(new MockHttpServletRequest());

		long started = System.nanoTime();
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(this::admitOneMore).satisfies((busy) -> {
			assertThat(busy.getStatusCode().value()).isEqualTo(503);
			assertThat(busy.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			assertThat(busy.getBody().getTitle()).isEqualTo("Service Busy");
		});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
	}

	@Test
	void aFinishedRequestGivesItsPermitBackOnce() {
		MockHttpServletRequest first = new MockHttpServletRequest();
		admit(first);
		admit(new MockHttpServletRequest());

		this.admission.afterCompletion(first, this.response, null, null);
		this.admission.afterCompletion(first, this.response, null, null);

		assertThat(free()).isOne();
		admitOneMore();
		assertThat(free()).isZero();
	}

	@Test
	void aSuspendedRequestHoldsNoPermitAndItsAsyncDispatchTakesNone() {
		MockHttpServletRequest waiting = new MockHttpServletRequest();
		admit(waiting);
		this.admission.afterConcurrentHandlingStarted(waiting, this.response, null);
		assertThat(free()).isEqualTo(2);

		waiting.setDispatcherType(DispatcherType.ASYNC);
		admit(waiting);
		assertThat(free()).isEqualTo(2);
		this.admission.afterCompletion(waiting, this.response, null, null);
		assertThat(free()).isEqualTo(2);
	}

	@Test
	void laterWorkOfAnAdmittedRequestTakesAPermitWhileItRunsAndIsNeverRefused() {
		assertThat(this.admission.call(this::free)).isOne();
		assertThatIllegalStateException().isThrownBy(() -> this.admission.call(() -> {
			throw new IllegalStateException("read failed");
		}));
		assertThat(free()).isEqualTo(2);

		admit(new MockHttpServletRequest());
		admit(new MockHttpServletRequest());
		long started = System.nanoTime();
		assertThat(this.admission.call(this::free)).as("waited its turn, then ran beside the bound").isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
		assertThat(free()).as("no permit was taken, so none is given back").isZero();
	}

	private void admit(MockHttpServletRequest request) {
		assertThat(this.admission.preHandle(request, this.response, null)).isTrue();
	}

	private void admitOneMore() {
		admit(new MockHttpServletRequest());
	}

	private int free() {
		return this.admission.bulkhead().getMetrics().getAvailableConcurrentCalls();
	}

}
