package io.minibase.order.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of order-service, under {@code order}. */
@Validated
@ConfigurationProperties("order")
public record OrderProperties(@NotNull Duration paymentWindow, @Valid @NotNull Expiry expiry,
		@Valid @NotNull Completion completion, @Valid @NotNull Payment payment, @Valid @NotNull Files files) {

	/** The sweep that cancels unpaid orders past their payment window. */
	public record Expiry(@NotNull Duration sweepInterval, @Min(1) int batchSize) {
	}

	/**
	 * The sweep that completes shipped orders whose buyer has not confirmed receipt
	 * within {@code window} of their shipment.
	 */
	public record Completion(@NotNull Duration window, @NotNull Duration sweepInterval, @Min(1) int batchSize) {
	}

	/**
	 * file-service, asked whether an after-sale's photos are the buyer's uploads.
	 *
	 * @param baseUrl its address ({@code FILE_SERVICE_URL}), never the gateway's
	 * @param connectTimeout how long a connection may take: it is on the same network, so
	 * a down service refuses at once and a lost one is given up quickly
	 * @param readTimeout how long it may take to answer one indexed query
	 */
	public record Files(@NotNull URI baseUrl, @NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
	}

	/** Which payment provider takes the money (WeChat Pay), and its settings. */
	public record Payment(@NotBlank String provider, @Valid @NotNull Reconciliation reconciliation,
			@Valid @NotNull WeChatPay wechat) {
	}

	/**
	 * Asking the provider about open payments: every {@code interval}, up to
	 * {@code batchSize} of them, each unconfirmed longer than {@code unconfirmedAfter}.
	 */
	public record Reconciliation(@NotNull Duration interval, @NotNull Duration unconfirmedAfter,
			@Min(1) int batchSize) {
	}

	/**
	 * The merchant account of WeChat Pay API v3, in "WeChat Pay public key" mode. Secrets
	 * are files (mounted), never values in the environment. Checked when the provider is
	 * {@code wechat-pay}: see {@link #missing()}.
	 *
	 * @param merchantId {@code mchid}
	 * @param merchantSerialNumber the serial number of the merchant API certificate
	 * @param privateKeyFile the merchant API private key, {@code apiclient_key.pem}
	 * @param apiV3KeyFile a file holding the 32-character APIv3 key
	 * @param publicKeyId the id of the WeChat Pay public key ({@code PUB_KEY_ID_...})
	 * @param publicKeyFile the WeChat Pay public key, {@code pub_key.pem}
	 * @param appId the mini-program's AppID the merchant is bound to
	 * @param notifyUrl where WeChat Pay sends payment results: the gateway's public
	 * {@code https://.../api/payments/wechat/notify}
	 * @param refundNotifyUrl where it sends refund results; blank: the notify URL with
	 * {@code refund-notify} for its last segment
	 * @param apiBaseUrl {@code https://api.mch.weixin.qq.com}, or the stub's URL
	 * @param connectTimeout how long a connection to WeChat Pay may take
	 * @param readTimeout how long WeChat Pay may take to answer
	 */
	public record WeChatPay(String merchantId, String merchantSerialNumber, String privateKeyFile, String apiV3KeyFile,
			String publicKeyId, String publicKeyFile, String appId, String notifyUrl, String refundNotifyUrl,
			@NotNull URI apiBaseUrl, @NotNull Duration connectTimeout, @NotNull Duration readTimeout) {

		/** The environment variables of the settings that are not set. */
		public List<String> missing() {
			Map<String, String> required = new LinkedHashMap<>();
			required.put("WECHATPAY_MERCHANT_ID", this.merchantId);
			required.put("WECHATPAY_MERCHANT_SERIAL_NUMBER", this.merchantSerialNumber);
			required.put("WECHATPAY_PRIVATE_KEY_FILE", this.privateKeyFile);
			required.put("WECHATPAY_API_V3_KEY_FILE", this.apiV3KeyFile);
			required.put("WECHATPAY_PUBLIC_KEY_ID", this.publicKeyId);
			required.put("WECHATPAY_PUBLIC_KEY_FILE", this.publicKeyFile);
			required.put("WECHATPAY_APP_ID", this.appId);
			required.put("WECHATPAY_NOTIFY_URL", this.notifyUrl);
			List<String> missing = new ArrayList<>();
			required.forEach((variable, value) -> {
				if (value == null || value.isBlank()) {
					missing.add(variable);
				}
			});
			return missing;
		}

		/** Where WeChat Pay sends refund results. */
		public String resolvedRefundNotifyUrl() {
			if (this.refundNotifyUrl != null && !this.refundNotifyUrl.isBlank()) {
				return this.refundNotifyUrl;
			}
			return this.notifyUrl.replaceFirst("/notify$", "/refund-notify");
		}

		/** Never the file names' contents; only where they are. */
		@Override
		public String toString() {
			return "WeChatPay[merchantId=" + this.merchantId + ", appId=" + this.appId + ", apiBaseUrl="
					+ this.apiBaseUrl + "]";
		}

	}

}
