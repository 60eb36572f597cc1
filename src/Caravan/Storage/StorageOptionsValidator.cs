using Microsoft.Extensions.Options;

namespace Caravan.Storage;

/// <summary>Start-up validation of <see cref="StorageOptions"/> through <see cref="StorageOptions.Validate"/>.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
