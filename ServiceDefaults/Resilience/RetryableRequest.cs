namespace Shop.ServiceDefaults.Resilience;

// An HttpRequestMessage is sent once: inner handlers change it (discovery rewrites the URI) and streamed
// content is consumed. So the first attempt sends the caller's request and every retry a fresh copy of
// it as it was before the first attempt, with the content buffered once and shared.
internal sealed class RetryableRequest
{
    private readonly HttpRequestMessage _original;
    private readonly Uri? _requestUri;
    private readonly KeyValuePair<string, string[]>[] _headers;
    private readonly KeyValuePair<string, object?>[] _options;
    private bool _originalSent;

    private RetryableRequest(HttpRequestMessage original)
    {
        _original = original;
        _requestUri = original.RequestUri;
        _headers = [.. original.Headers.NonValidated.Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))];
        _options = [.. original.Options];
    }

    public static async Task<RetryableRequest> CreateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            // Buffering costs memory for large uploads, but it is the only way a non-seekable stream can be
            // sent a second time; the services here send small JSON bodies.
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RetryableRequest(request);
    }

    public HttpRequestMessage NextAttempt()
    {
        if (!_originalSent)
        {
            _originalSent = true;
            return _original;
        }

        var copy = new HttpRequestMessage(_original.Method, _requestUri)
        {
            Version = _original.Version,
            VersionPolicy = _original.VersionPolicy,
            Content = _original.Content,
        };

        foreach (var (name, values) in _headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        IDictionary<string, object?> copyOptions = copy.Options;
        foreach (var (key, value) in _options)
        {
            copyOptions[key] = value;
        }

        return copy;
    }
}
