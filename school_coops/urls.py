app_name = "school_coops"
urlpatterns: list = []
