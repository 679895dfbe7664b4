package io.qrvend.sim.cli;

import io.qrvend.sim.backend.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the RSA key pairs of a test set-up: the terminal's app keys and the simulator's "Alipay"
 * keys, and for WeChat Pay the merchant's keys with their serial and the simulator's "WeChat Pay"
 * keys with their public key ID.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Write app_private.pem, app_public.pem, alipay_private.pem and alipay_public.pem (RSA 2048) to DIR,",
            "and for WeChat Pay wechat_merchant_private.pem, wechat_merchant_public.pem, wechat_merchant_serial,",
            "wechatpay_private.pem, wechatpay_public.pem and wechatpay_public_key_id."})
public final class KeysCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<String> all = new ArrayList<>(KeyFiles.FILES);
        all.addAll(KeyFiles.WECHAT_FILES);
        for (String f : all) {
            if (Files.exists(out.resolve(f))) {
                System.err.println("qrvend-sim keys: " + out.resolve(f) + " already exists; not overwriting keys");
                return 1;
            }
        }
        KeyFiles.write(out);
        KeyFiles.writeWechat(out);
        System.out.println("wrote " + all + " to " + out);
        return 0;
    }
}
