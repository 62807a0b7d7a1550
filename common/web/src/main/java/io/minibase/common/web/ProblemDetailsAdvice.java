package io.minibase.common.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a controller lets out into an RFC 9457 problem: Spring's own
 * (404, 405, 413, 415, ...), validation failures with their {@code errors}, the services'
 * {@code ErrorResponseException}s, and anything else as a 500 that says nothing of the
 * internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final TraceIds traceIds;

	ProblemDetailsAdvice(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("The request has invalid fields.");
		problem.setProperty("errors",
				ex.getBindingResult()
					.getAllErrors()
					.stream()
					.map((error) -> new FieldProblem(
							(error instanceof FieldError field) ? field.getField() : error.getObjectName(),
							error.getDefaultMessage()))
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("The request has invalid parameters.");
		problem.setProperty("errors",
				ex.getParameterValidationResults()
					.stream()
					.flatMap((result) -> result.getResolvableErrors()
						.stream()
						.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName(),
								error.getDefaultMessage())))
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid parameters.");
		problem.setProperty("errors",
				ex.getConstraintViolations()
					.stream()
					.map((violation) -> new FieldProblem(lastNode(violation.getPropertyPath().toString()),
							violation.getMessage()))
					.toList());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		String dependency = unavailableDependency(ex);
		if (dependency != null) {
			// no free connection in time, or the database or Redis is down: the caller
			// may
			// retry, and an operator sees a 503 rate, not a wall of 500s
			log.warn("{} unavailable serving {}: {}", dependency, path(request), ex.getMessage());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The service is busy or cannot reach its " + dependency + "; try again shortly.");
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return handleExceptionInternal(new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, ex),
					problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
		}
		log.error("Unhandled error serving {}", path(request), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred. Quote the trace id when you report it.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			if (statusCode.is5xxServerError() && !(ex instanceof org.springframework.web.ErrorResponse)) {
				// never echo an exception message that may name a host, a table or a
				// class
				problem.setDetail("An unexpected error occurred. Quote the trace id when you report it.");
			}
			ProblemDetails.complete(problem, path(request), this.traceIds.current());
		}
		return response;
	}

	/**
	 * Which dependency could not be used, if that is what failed: the database (no
	 * connection in time, or it was lost) or Redis (not connected, or no answer within
	 * the command timeout). Redis is known by its client's and Spring Data Redis's
	 * exception packages, so that services without Redis need neither on their class
	 * path.
	 * @return {@code "database"}, {@code "cache"} or {@code null}
	 */
	static String unavailableDependency(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLRecoverableException) {
				return "database";
			}
			String type = cause.getClass().getName();
			if (type.startsWith("io.lettuce.core.") || type.startsWith("org.springframework.data.redis.")) {
				return "cache";
			}
			// by name: common-web does not depend on Kafka's client (an operator's
			// dead-letter call is the one request that talks to the broker)
			if (type.startsWith("org.apache.kafka.common.errors.") || type.startsWith("org.springframework.kafka.")) {
				return "message broker";
			}
		}
		return null;
	}

	private static String path(WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
			return ProblemDetails.path(servletRequest);
		}
		return null;
	}

	private static String lastNode(String propertyPath) {
		int dot = propertyPath.lastIndexOf('.');
		return (dot >= 0) ? propertyPath.substring(dot + 1) : propertyPath;
	}

	/** One entry of a validation problem's {@code errors}. */
	record FieldProblem(String field, String message) {
	}

}
