-- Whether order-service has been told this user's openid (auth.WeChatOpenidLinked.v1 on
-- auth.openids.v1): it pays through WeChat Pay's JSAPI, which needs the payer's openid,
-- and keeps its own copy instead of asking auth-service. Users who registered before this
-- column existed start at FALSE, so their next login tells it.
ALTER TABLE app_user ADD COLUMN openid_published BOOLEAN NOT NULL DEFAULT FALSE;
