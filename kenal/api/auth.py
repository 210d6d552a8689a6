"""Bearer-token authentication for the API."""

from ninja.security import HttpBearer

from kenal.accounts.selectors import token_user, workspace_for_user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = token_user(token)
        if user is None:
            return None
        request.user = user
        request.workspace = workspace_for_user(user)
        if request.workspace is None:
            return None
        return user
