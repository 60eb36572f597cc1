using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Caravan.Common;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Storage;
using Dapper;

namespace Caravan.Node.Api.Idempotency;

/// <summary>
/// Maps POST endpoints that require an <c>Idempotency-Key</c> header. The handler runs inside one transaction; its
/// response (success or problem) is stored under (party, key) in that same transaction, so a retry with the same key
/// and body replays the first response without running the handler again, and the same key with another body is a
/// 422. Bodies are parsed here so that malformed JSON is a problem naming the path, not an exception.
/// </summary>
public static class IdempotentPost
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotency-Replayed";
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static RouteHandlerBuilder MapIdempotentPost<TRequest, TResponse>(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        Func<TRequest, PostContext, CancellationToken, Task<Result<TResponse>>> handler,
        int successStatus = StatusCodes.Status201Created)
        where TRequest : notnull
    {
        Func<HttpContext, Task<IResult>> endpoint = http => HandleAsync(http, handler, successStatus);
        return endpoints.MapPost(pattern, (Delegate)endpoint)
            .Accepts<TRequest>("application/json", typeof(TRequest) == typeof(RawBody) ? ["application/xml"] : [])
            .Produces<TResponse>(successStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new IdempotencyKeyRequiredMetadata());
    }

    private static async Task<IResult> HandleAsync<TRequest, TResponse>(
        HttpContext http,
        Func<TRequest, PostContext, CancellationToken, Task<Result<TResponse>>> handler,
        int successStatus)
    {
        var cancellationToken = http.RequestAborted;
        string? key = http.Request.Headers[HeaderName];
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200 || key.Any(char.IsControl))
        {
            return ProblemResults.Problem(400, "idempotency_key.missing",
                $"Every POST needs an {HeaderName} header (1-200 printable characters); reuse it to retry safely.");
        }

        var limit = http.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>()?.Bytes ?? MaxBodyBytes;
        var body = await ReadBodyAsync(http.Request, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ProblemResults.Problem(413, "request.too_large", $"The request body exceeds {limit} bytes.");
        }
        var partyId = http.User.GetPartyId();
        var requestHash = HashRequest(http.Request, body);
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var jsonOptions = http.RequestServices.GetRequiredService<ApiJson>().Options;

        for (var attempt = 0; ; attempt++)
        {
            StoredResponse? failed = null;
            try
            {
                var outcome = await database.InTransactionAsync(async (unit, ct) =>
                {
                    var stored = await FindAsync(unit.Transaction, partyId, key, ct).ConfigureAwait(false);
                    if (stored is not null)
                    {
                        return (Response: stored, Replayed: true);
                    }
                    var parsed = Parse<TRequest>(body, http.Request, jsonOptions);
                    if (!parsed.IsSuccess)
                    {
                        throw new RollbackException(StoredResponse.FromFailure(parsed.Failure, requestHash));
                    }
                    var context = new PostContext(http.User, http.Request.RouteValues, unit, http.RequestServices);
                    var result = await handler(parsed.Value, context, ct).ConfigureAwait(false);
                    if (!result.IsSuccess)
                    {
                        // Nothing of a failed request is kept but its answer: undo the handler's work, record the answer anew.
                        throw new RollbackException(StoredResponse.FromFailure(result.Failure, requestHash));
                    }
                    var response = new StoredResponse(requestHash, successStatus, "application/json", JsonSerializer.Serialize(result.Value, jsonOptions));
                    await StoreAsync(unit, partyId, key, response, time, ct).ConfigureAwait(false);
                    return (Response: response, Replayed: false);
                }, cancellationToken).ConfigureAwait(false);
                return outcome.Replayed ? Replay(http, outcome.Response, requestHash) : Write(http, outcome.Response, replayed: false);
            }
            catch (RollbackException rollback)
            {
                failed = rollback.Response;
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex) && attempt < 2)
            {
                // Another request with the same key committed first: loop to replay its answer.
                continue;
            }

            try
            {
                var outcome = await database.InTransactionAsync(async (unit, ct) =>
                {
                    var stored = await FindAsync(unit.Transaction, partyId, key, ct).ConfigureAwait(false);
                    if (stored is not null)
                    {
                        return (Response: stored, Replayed: true);
                    }
                    await StoreAsync(unit, partyId, key, failed, time, ct).ConfigureAwait(false);
                    return (Response: failed, Replayed: false);
                }, cancellationToken).ConfigureAwait(false);
                return outcome.Replayed ? Replay(http, outcome.Response, requestHash) : Write(http, outcome.Response, replayed: false);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex) && attempt < 2)
            {
                continue;
            }
        }
    }

    private static async Task StoreAsync(UnitOfWork unit, string partyId, string key, StoredResponse response, TimeProvider time, CancellationToken cancellationToken) =>
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into idempotency_keys (party_id, idem_key, request_hash, status_code, content_type, response_body, created_at_ms)
            values (@partyId, @key, @hash, @status, @contentType, @body, @at)
            """,
            new { partyId, key, hash = response.RequestHash, status = response.StatusCode, contentType = response.ContentType, body = response.Body, at = time.GetUtcNow().ToUnixTimeMilliseconds() },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

    private static async Task<StoredResponse?> FindAsync(DbTransaction transaction, string partyId, string key, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(
            """
            select request_hash as RequestHash, status_code as StatusCode, content_type as ContentType, response_body as Body
            from idempotency_keys where party_id = @partyId and idem_key = @key
            """,
            new { partyId, key }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new StoredResponse(row.RequestHash, (int)row.StatusCode, row.ContentType, row.Body);
    }

    private sealed class StoredRow
    {
        public string RequestHash { get; set; } = "";
        public long StatusCode { get; set; }
        public string? ContentType { get; set; }
        public string? Body { get; set; }
    }

    private static IResult Replay(HttpContext http, StoredResponse stored, string requestHash) =>
        string.Equals(stored.RequestHash, requestHash, StringComparison.Ordinal)
            ? Write(http, stored, replayed: true)
            : ProblemResults.Problem(422, "idempotency_key.reused",
                $"This {HeaderName} was already used with a different request; use a new key for a new request.");

    private static IResult Write(HttpContext http, StoredResponse response, bool replayed)
    {
        if (replayed)
        {
            http.Response.Headers[ReplayedHeaderName] = "true";
        }
        return Results.Content(response.Body ?? "", response.ContentType ?? "application/json", Encoding.UTF8, response.StatusCode);
    }

    private static Result<T> Parse<T>(byte[] body, HttpRequest request, JsonSerializerOptions options)
    {
        if (typeof(T) == typeof(RawBody))
        {
            return (T)(object)new RawBody(body, request.ContentType, request.Query);
        }
        if (body.Length == 0 && typeof(T) == typeof(EmptyRequest))
        {
            return (T)(object)EmptyRequest.Instance;
        }
        if (body.Length == 0)
        {
            return Failure.Validation("request.body_missing", "The request body is empty; a JSON object is expected.");
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, options);
            return value is null
                ? Failure.Validation("request.body_null", "The request body is null; a JSON object is expected.")
                : value;
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            return Failure.Validation("request.json_invalid", "The request body is not valid JSON for this operation.",
                [new FieldError(path, "json.invalid", ex.Message)]);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string HashRequest(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The query is part of the request: a raw-body POST takes parameters there (?onBehalfOf= of a DMS declaration).
        hash.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + request.Path.Value + request.QueryString.Value + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Carries a failed request's answer out of its unit of work, rolling the work back.</summary>
    private sealed class RollbackException(StoredResponse response) : Exception("The request failed; its work is rolled back.")
    {
        public StoredResponse Response { get; } = response;
    }

    private sealed record StoredResponse(string RequestHash, int StatusCode, string? ContentType, string? Body)
    {
        public static StoredResponse FromFailure(Failure failure, string requestHash)
        {
            var problem = new Dictionary<string, object?>
            {
                ["type"] = ProblemResults.TypePrefix + failure.Code,
                ["title"] = failure.Kind.ToString(),
                ["status"] = ProblemResults.StatusFor(failure.Kind),
                ["detail"] = failure.Message,
                ["code"] = failure.Code,
            };
            if (failure.Errors is { Count: > 0 })
            {
                problem["errors"] = failure.Errors.Select(e => e.Line is null
                    ? (object)new { path = e.Path, code = e.Code, message = e.Message }
                    : new { path = e.Path, code = e.Code, message = e.Message, line = e.Line, column = e.Column }).ToArray();
            }
            return new(requestHash, ProblemResults.StatusFor(failure.Kind), "application/problem+json", JsonSerializer.Serialize(problem));
        }
    }
}

/// <summary>The request of a POST that carries no data (an empty body or <c>{}</c>).</summary>
public sealed record EmptyRequest
{
    public static readonly EmptyRequest Instance = new();
}

/// <summary>Endpoint metadata marking a POST that requires an Idempotency-Key header (documented in OpenAPI).</summary>
public sealed class IdempotencyKeyRequiredMetadata;
