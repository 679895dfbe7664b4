package io.qrvend.sim.cli;

import io.qrvend.drivers.gpio.GpioProvider;
import io.qrvend.drivers.relay.Pause;
import io.qrvend.sim.machine.MachineLog;
import io.qrvend.sim.machine.SimulatedMachine;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.cli.ConfigMixin;
import io.qrvend.terminal.cli.Converters;
import io.qrvend.terminal.cli.RunCommand;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.DaemonSettings;
import io.qrvend.terminal.daemon.Machine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvend-sim machine}: the real {@code qrvend run} daemon with a simulated vending machine in
 * place of the hardware. The configuration is read exactly as in production; its relay and input
 * wiring is kept but lands on Pi4J mock pins (and serial boards on pseudo-terminals linked at {@code relay.port}).
 */
@Command(name = "machine", mixinStandardHelpOptions = true,
        description = "Run the qrvend daemon with a simulated vending machine in place of the hardware.")
public final class MachineCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MachineCommand.class);

    @Spec
    CommandSpec spec;
    @Mixin
    ConfigMixin config;
    @Option(names = "--jam", split = ",", paramLabel = "SLOT", description = "Slots whose products never drop.")
    List<String> jammed = List.of();
    @Option(names = "--drop-delay", defaultValue = "700ms", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "From the relay closing to the drop sensor seeing the product (default ${DEFAULT-VALUE}).")
    Duration delay;
    @Option(names = "--log", paramLabel = "FILE", description = "Append every relay pulse and product drop to FILE (for checks).")
    Path machineLog;

    @Override
    public Integer call() throws Exception {
        TerminalConfig production = config.load();
        DaemonSettings settings = DaemonSettings.from(production);
        HardwareConfig hw = production.hardware();
        TerminalConfig simulated = new TerminalConfig(production.file(), production.terminalId(), production.journalPath(),
                production.controlSocket(), production.alipay(), production.sale(),
                new HardwareConfig(GpioProvider.MOCK, hw.relay(), hw.inputs(), hw.display()), production.wallets(), production.wechat());
        Machine.Factory machines = (hardware, catalog, scheduler, inputs) -> {
            Map<String, Integer> channels = new HashMap<>();
            for (Slot slot : catalog.slots()) {
                channels.put(slot.id(), slot.channel());
            }
            SimulatedMachine machine = SimulatedMachine.start(hardware, channels, scheduler, delay, Pause.SLEEP, inputs);
            if (machineLog != null) {
                MachineLog.record(machine.model(), machineLog);
            }
            for (String slot : jammed) {
                Integer channel = channels.get(slot);
                if (channel == null) {
                    machine.close();
                    throw new IllegalArgumentException("--jam: there is no slot " + slot + " in the catalog");
                }
                machine.model().jam(channel, true);
            }
            log.warn("SIMULATED MACHINE: relays and input lines are software (jammed: {})", jammed.isEmpty() ? "none" : jammed);
            return machine;
        };
        return RunCommand.runUntilStopped(simulated, settings, machines);
    }
}
