package io.qrvend.drivers.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The board's GPIO pins through one Pi4J context holding exactly the configured provider (no
 * auto-detection, so nothing else can be picked silently). Pins are BCM numbers. Pi4J types stay in
 * here; callers see {@link OutputPin} and edges as booleans.
 *
 * <p>Pi4J's own shutdown hook is off by default since 2.7; {@link #close()} shuts the context down,
 * which drives every output to the shutdown state it was created with.
 */
public final class Gpio implements AutoCloseable {
    private final GpioProvider provider;
    private final Context context;
    private final Map<Integer, DigitalOutput> outputs = new ConcurrentHashMap<>();
    private final Map<Integer, DigitalInput> inputs = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gpio(GpioProvider provider, Context context) {
        this.provider = provider;
        this.context = context;
    }

    public static Gpio open(GpioProvider provider) throws GpioException {
        try {
            var builder = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook();
            Context context = switch (provider) {
                case GPIOD -> builder.add(GpioDDigitalOutputProvider.newInstance(), GpioDDigitalInputProvider.newInstance()).build();
                case MOCK -> builder.add(MockDigitalOutputProvider.newInstance(), MockDigitalInputProvider.newInstance()).build();
            };
            return new Gpio(provider, context);
        } catch (RuntimeException | LinkageError e) {
            throw new GpioException("GPIO (" + provider.configName() + "): could not start Pi4J: " + e.getMessage(), e);
        }
    }

    public GpioProvider provider() {
        return provider;
    }

    /**
     * Claims {@code bcm} as an output that is inactive from the moment it is claimed and is driven
     * inactive again at shutdown. For an active-low board inactive is HIGH: the GpioD provider would
     * otherwise claim the line LOW and fire the relay.
     */
    public OutputPin output(int bcm, boolean activeLow, String name) throws GpioException {
        checkPin(bcm);
        DigitalState inactive = activeLow ? DigitalState.HIGH : DigitalState.LOW;
        DigitalState active = activeLow ? DigitalState.LOW : DigitalState.HIGH;
        try {
            DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context)
                    .id("out-" + bcm).name(name).address(bcm)
                    .onState(active).initial(inactive).shutdown(inactive)
                    .provider(outputProviderId()));
            outputs.put(bcm, out);
            return new OutputPin(bcm, name, out, active, inactive);
        } catch (RuntimeException e) {
            throw new GpioException("GPIO pin " + bcm + " (" + name + "): cannot claim it as an output: " + e.getMessage(), e);
        }
    }

    /** Line bias: pull-up for a switch to ground, pull-down for a switch to 3.3 V, none for a driven line. */
    public enum Pull {
        UP, DOWN, NONE
    }

    /**
     * Claims {@code bcm} as an input and calls {@code onEdge} with {@code true} when it becomes
     * active and {@code false} when it becomes inactive. Edges arrive on a Pi4J thread.
     */
    public void input(int bcm, String name, Pull pull, Duration debounce, boolean activeLow, Consumer<Boolean> onEdge)
            throws GpioException {
        checkPin(bcm);
        PullResistance resistance = switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case NONE -> PullResistance.OFF;
        };
        DigitalState active = activeLow ? DigitalState.LOW : DigitalState.HIGH;
        try {
            DigitalInput in = context.create(DigitalInput.newConfigBuilder(context)
                    .id("in-" + bcm).name(name).address(bcm)
                    .pull(resistance).debounce(debounce.toNanos() / 1000, TimeUnit.MICROSECONDS)
                    .provider(inputProviderId()));
            in.addListener(event -> {
                if (event.state() == DigitalState.HIGH || event.state() == DigitalState.LOW) {
                    onEdge.accept(event.state() == active);
                }
            });
            inputs.put(bcm, in);
        } catch (RuntimeException e) {
            throw new GpioException("GPIO pin " + bcm + " (" + name + "): cannot claim it as an input: " + e.getMessage(), e);
        }
    }

    /** The mock inputs and outputs of a {@link GpioProvider#MOCK} context, for the simulated machine. */
    public MockPins mockPins() {
        if (provider != GpioProvider.MOCK) {
            throw new IllegalStateException("mock pins exist only with the mock provider, not " + provider.configName());
        }
        return new MockPins(outputs, inputs);
    }

    /** What Pi4J was told about an output, for tests of start-up and shutdown states. */
    DigitalOutputConfig outputConfig(int bcm) {
        return outputs.get(bcm).config();
    }

    /** Shuts the context down once, driving every output to its (inactive) shutdown state. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            context.shutdown();
        }
    }

    private String outputProviderId() {
        return provider == GpioProvider.GPIOD ? GpioDDigitalOutputProvider.ID : MockDigitalOutputProvider.ID;
    }

    private String inputProviderId() {
        return provider == GpioProvider.GPIOD ? GpioDDigitalInputProvider.ID : MockDigitalInputProvider.ID;
    }

    private void checkPin(int bcm) throws GpioException {
        if (bcm < 0 || bcm > 27) {
            throw new GpioException("GPIO pin " + bcm + " is not a BCM pin of the 40-pin header (0..27)");
        }
        if (outputs.containsKey(bcm) || inputs.containsKey(bcm)) {
            throw new GpioException("GPIO pin " + bcm + " is configured twice");
        }
    }
}
