package io.qrvend.sim.backend.wechat;

import java.security.PublicKey;

/**
 * The one merchant the simulated WeChat Pay serves: its merchant number, the app the orders belong to,
 * and the serial number and public key of its API certificate, with which requests must be signed.
 */
public record WechatMerchant(String mchid, String appid, String serialNo, PublicKey publicKey) {
}
