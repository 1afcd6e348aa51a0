using System.Diagnostics.Metrics;
using Prometheus;

namespace ChatOps.Bot.Diagnostics;

/// <summary>
/// Publishes one <see cref="ChatOpsMetrics"/> into a prometheus-net registry under the instruments' own names.
/// prometheus-net's MeterAdapter is not used for this: it prefixes the meter name, turns counters into gauges, reorders
/// labels and lets idle series expire — every dashboard would break. Here a Counter stays a counter, a Gauge a gauge, a
/// Histogram keeps the buckets its advice names, and every family is declared before the first measurement.
/// Measurements reach prometheus-net without allocating once a label combination has been seen.
/// </summary>
public sealed class PrometheusMeterExport : IDisposable
{
    private readonly MeterListener _listener = new();

    public PrometheusMeterExport(ChatOpsMetrics metrics, CollectorRegistry registry)
    {
        Metrics = metrics;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var sinks = metrics.Exported.ToDictionary(e => e.Instrument, e => Sink.Create(factory, e));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (sinks.TryGetValue(instrument, out var sink))
            {
                listener.EnableMeasurementEvents(instrument, sink);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, sink) => ((Sink)sink!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, sink) => ((Sink)sink!).Record(value, tags));
        _listener.Start();
    }

    public ChatOpsMetrics Metrics { get; }

    public void Dispose() => _listener.Dispose();

    private delegate void Write(double value, ReadOnlySpan<string> labelValues);

    /// <summary>One prometheus-net collector and the labels to take, in its order, from a measurement's tags.</summary>
    private sealed class Sink(IReadOnlyList<string> labelNames, Write write)
    {
        public static Sink Create(IMetricFactory factory, ExportedInstrument exported)
        {
            var (instrument, labels) = exported;
            if (labels.Count > 2)
            {
                throw new ArgumentException($"{instrument.Name}: at most two labels are exported without allocating", nameof(exported));
            }

            var (name, help, names) = (instrument.Name, instrument.Description ?? string.Empty, labels.ToArray());
            switch (instrument)
            {
                case Counter<long>:
                    var counter = factory.CreateCounter(name, help, names);
                    return new Sink(labels, (value, values) => (values.IsEmpty ? (ICounter)counter : counter.WithLabels(values)).Inc(value));
                case Gauge<double>:
                    var gauge = factory.CreateGauge(name, help, names);
                    return new Sink(labels, (value, values) => (values.IsEmpty ? (IGauge)gauge : gauge.WithLabels(values)).Set(value));
                case Histogram<double> advised:
                    var buckets = advised.Advice?.HistogramBucketBoundaries?.ToArray();
                    var histogram = factory.CreateHistogram(name, help, names, new HistogramConfiguration { Buckets = buckets });
                    return new Sink(labels, (value, values) => (values.IsEmpty ? (IHistogram)histogram : histogram.WithLabels(values)).Observe(value));
                default:
                    throw new ArgumentException($"{name}: {instrument.GetType().Name} has no Prometheus export", nameof(exported));
            }
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            // Collection expressions into a span live on the stack: no label array per measurement.
            switch (labelNames.Count)
            {
                case 0:
                    write(value, []);
                    break;
                case 1:
                    write(value, [Label(tags, labelNames[0])]);
                    break;
                default:
                    write(value, [Label(tags, labelNames[0]), Label(tags, labelNames[1])]);
                    break;
            }
        }

        private static string Label(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == name)
                {
                    return tag.Value as string ?? string.Empty;
                }
            }

            return string.Empty;
        }
    }
}
