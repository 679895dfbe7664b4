package io.qrvend.sim.cli;

import io.qrvend.sim.backend.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the two RSA key pairs of a test set-up: the terminal's app keys and the simulator's "Alipay" keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Write app_private.pem, app_public.pem, alipay_private.pem and alipay_public.pem (RSA 2048) to DIR.")
public final class KeysCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        for (String f : KeyFiles.FILES) {
            if (Files.exists(out.resolve(f))) {
                System.err.println("qrvend-sim keys: " + out.resolve(f) + " already exists; not overwriting keys");
                return 1;
            }
        }
        KeyFiles.write(out);
        System.out.println("wrote " + KeyFiles.FILES + " to " + out);
        return 0;
    }
}
